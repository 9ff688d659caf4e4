// A check's own history on its page: the latest changes with their diffs, and a link to the full trail.
import { Link } from "@/components/ui/link";
import { listAuditEvents } from "@/lib/db/audit-events";
import { AuditTable } from "./audit-table";

export async function CheckHistory({ checkId }: { checkId: string }) {
  const events = await listAuditEvents({ checkId }, 20);
  return (
    <section aria-labelledby="history" className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h2 id="history" className="text-base font-semibold">
          History
        </h2>
        <Link href={`/audit?check=${checkId}`} className="text-sm text-blue-700 hover:underline">
          Full audit trail
        </Link>
      </div>
      <AuditTable events={events} showTarget={false} />
    </section>
  );
}
