import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      {/* not-found.tsx cannot export metadata; React puts this title in the document head. */}
      <title>Not found · Audit Checks Console</title>
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600">This page does not exist, or the check was deleted.</p>
      <Link href="/checks" className="mt-6 inline-block text-sm font-medium text-blue-700 hover:underline">
        Back to checks
      </Link>
    </div>
  );
}
