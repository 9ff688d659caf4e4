// Shared steps of the executions endpoints.
import "server-only";
import { newestExecution } from "@/lib/db/executions";
import { ApiError } from "./errors";

/** The execution's name when the index has it; 404 otherwise (rerun and stop work from the index). */
export async function requireIndexedExecution(raw: string): Promise<string> {
  const name = decodeURIComponent(raw);
  if (name.length > 80 || !(await newestExecution({ name })))
    throw new ApiError("not_found", `There is no execution named “${name}” in the index.`);
  return name;
}
