// A check managed from code (a checks-as-code apply wrote it): the badge, with the YAML file's path as its title.
import { Badge } from "@/components/ui/badge";

export function SourceBadge({ sourcePath, showPath = false }: { sourcePath: string | null; showPath?: boolean }) {
  if (!sourcePath) return null;
  return (
    <span className="inline-flex max-w-full min-w-0 items-center gap-1.5" data-testid="source-badge">
      <Badge tone="blue" title={`Managed from code: ${sourcePath}`}>
        From code
      </Badge>
      {showPath ? <span className="min-w-0 font-mono text-xs break-all text-zinc-600">{sourcePath}</span> : null}
    </span>
  );
}

/** Said wherever a check from code can be changed in the browser. */
export function sourceOverwriteWarning(sourcePath: string): string {
  return `This check is managed from code (${sourcePath}). A change made here lasts only until that file is applied again (npm run checks -- apply, or the import page), which overwrites it; change the file instead to keep it.`;
}
