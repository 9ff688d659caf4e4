export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Reading AWS and planning">
      <div className="h-7 w-40 animate-pulse rounded bg-zinc-200" />
      <div className="h-24 animate-pulse rounded-lg bg-zinc-100" />
      <div className="h-64 animate-pulse rounded-lg bg-zinc-100" />
    </div>
  );
}
