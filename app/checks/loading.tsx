import { ChecksHeader } from "@/components/checks/checks-header";

// The list's header is static: show it at once so nothing jumps when the rows arrive.
export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading checks">
      <ChecksHeader />
      <div className="space-y-3">
        <div className="h-8 w-72 animate-pulse rounded-md bg-zinc-200" />
        <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="flex gap-6 border-b border-zinc-100 px-4 py-4 last:border-0">
              <div className="h-4 w-1/5 animate-pulse rounded bg-zinc-100" />
              <div className="h-4 flex-1 animate-pulse rounded bg-zinc-100" />
              <div className="h-4 w-24 animate-pulse rounded bg-zinc-100" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
