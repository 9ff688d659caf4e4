export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading the execution">
      <div className="h-7 w-96 max-w-full animate-pulse rounded bg-zinc-200" />
      {["h-24", "h-12", "h-48", "h-56", "h-64"].map((h, i) => (
        <div key={i} className={`${h} animate-pulse rounded-lg bg-white ring-1 ring-zinc-200`} />
      ))}
    </div>
  );
}
