export default function Loading() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading executions">
      <div className="h-7 w-40 animate-pulse rounded bg-zinc-200" />
      <div className="h-14 animate-pulse rounded-lg bg-white ring-1 ring-zinc-200" />
      <div className="space-y-2 rounded-lg bg-white p-3 ring-1 ring-zinc-200">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-6 animate-pulse rounded bg-zinc-100" />
        ))}
      </div>
    </div>
  );
}
