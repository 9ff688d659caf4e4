import type { Metadata } from "next";
import { Link } from "@/components/ui/link";

// Used for unmatched addresses; a check page that calls notFound() keeps its own title ("Check not found").
export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600">This page does not exist, or the check was deleted.</p>
      <Link href="/checks" className="mt-6 inline-block text-sm font-medium text-blue-700 hover:underline">
        Back to checks
      </Link>
    </div>
  );
}
