// INTEGRATION POINT (C4): the check page renders this where the check's runs belong. C4 replaces the body
// (e.g. with the runs table from components/executions) and may make it async to load data.

export function CheckRunsSlot({ checkId }: { checkId: string }) {
  void checkId;
  return (
    <section aria-labelledby="runs-heading" className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs">
      <h2 id="runs-heading" className="text-base font-semibold text-zinc-900">
        Runs
      </h2>
      <p className="mt-2 text-sm text-zinc-500">No runs yet</p>
    </section>
  );
}
