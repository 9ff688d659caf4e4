"use server";
// Settings: run the AWS preflight (lib/doctor) for the running configuration, as `npm run doctor` does.
import { z } from "zod";
import { runCurrentPreflight } from "@/lib/doctor/inputs";
import type { PreflightReport } from "@/lib/doctor/preflight";
import { defineAction } from "./client";
import type { ActionResult } from "./result";

const run = defineAction({
  name: "settings.runPreflight",
  input: z.object({}),
  // AWS failures become failed items inside the report; only an unexpected error fails the action.
  handler: async (): Promise<PreflightReport> => runCurrentPreflight(),
});

/** Runs the preflight now. */
export async function runPreflight(): Promise<ActionResult<PreflightReport>> {
  return run({});
}
