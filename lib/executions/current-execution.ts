// Which execution a page or results route is about: the index keeps closed executions forever, but an open or
// not-yet-indexed one is described from AWS now (storing it is the sync's job, never a page's).

import "server-only";
import { describeAwsError } from "@/lib/aws/errors";
import { newestExecution } from "@/lib/db/executions";
import { isClosed, type ExecutionRecord } from "./execution-record";
import { describeOne, executionArnFor } from "./runtime";

/** The index's record of the newest execution with this name; an open or unknown one as AWS describes it now. */
export async function currentExecution(name: string): Promise<ExecutionRecord | null> {
  const row = await newestExecution({ name });
  if (row && isClosed(row.status)) return row;
  try {
    return await describeOne(row?.executionArn ?? executionArnFor(name));
  } catch (error) {
    if (row) return row;
    const code = describeAwsError(error).code;
    if (code === "ExecutionDoesNotExist" || code === "InvalidArn" || code === "ValidationException") return null;
    throw error;
  }
}
