// INTEGRATION POINT (C4): the check page renders this where the check's runs belong. Body by C4: the check's
// recent runs, their trend, Run now and Test trigger (components/executions/check-runs.tsx).
import { CheckRuns } from "@/components/executions/check-runs";

export function CheckRunsSlot({ checkId }: { checkId: string }) {
  return <CheckRuns checkId={checkId} />;
}
