import Link from "next/link";

export default function ExecutionNotFound() {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 bg-white px-6 py-12 text-center">
      <p className="text-sm font-medium text-zinc-800">No execution with this name.</p>
      <p className="mt-1 text-sm text-zinc-500">Neither the index nor Step Functions knows it.</p>
      <Link href="/executions" className="mt-3 inline-block text-sm text-blue-700 hover:underline">
        All executions
      </Link>
    </div>
  );
}
