import { Link } from "@/components/ui/link";
import { EmptyState } from "@/components/ui/card";

export default function ExecutionNotFound() {
  return (
    <EmptyState>
      <p className="text-sm font-medium text-zinc-800">No execution with this name.</p>
      <p className="mt-1 text-sm text-zinc-500">Neither the index nor Step Functions knows it.</p>
      <Link href="/executions" className="mt-3 inline-block text-sm text-blue-700 hover:underline">
        All executions
      </Link>
    </EmptyState>
  );
}
