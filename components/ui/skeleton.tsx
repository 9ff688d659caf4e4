/** A neutral placeholder while a detail page or form loads. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div className="space-y-6" aria-busy="true" aria-label={label}>
      <div className="space-y-2">
        <div className="h-4 w-20 animate-pulse rounded bg-zinc-200" />
        <div className="h-7 w-80 animate-pulse rounded bg-zinc-200" />
        <div className="h-4 w-[32rem] max-w-full animate-pulse rounded bg-zinc-100" />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="h-64 animate-pulse rounded-lg border border-zinc-200 bg-white lg:col-span-2" />
        <div className="h-64 animate-pulse rounded-lg border border-zinc-200 bg-white" />
      </div>
    </div>
  );
}
