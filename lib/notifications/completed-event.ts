// The "Audit Check Completed" event the shared state machine publishes after every run, as a schema. Notification
// rules match on its fields and their targets take a ready-made message out of it with InputPath, so the state
// machine (lib/reconcile/state-machine-definition.ts) and the reconciler's notification kinds agree through this file.
import { z } from "zod";
import { verdictSchema } from "@/lib/checks/execution-contract";

export const COMPLETED_EVENT_SOURCE = "audit-checks";
export const COMPLETED_EVENT_DETAIL_TYPE = "Audit Check Completed";

/** Version of the generic webhook body; bumped only with an incompatible change, documented in the README. */
export const WEBHOOK_MESSAGE_VERSION = "1";

/**
 * One message per destination kind, built by the state machine so that AWS delivers it with no console involved:
 * Slack Block Kit, the documented generic webhook body, and plain text for SNS.
 */
export const completedEventMessagesSchema = z.object({
  slack: z.record(z.string(), z.unknown()),
  webhook: z.record(z.string(), z.unknown()),
  text: z.string(),
});

export const completedEventDetailSchema = z.object({
  check: z.object({ id: z.string(), slug: z.string(), generation: z.number() }),
  verdict: verdictSchema,
  /** The check's verdict before this run, from the state machine's verdict table; absent for its first verdict. */
  previousVerdict: verdictSchema.optional(),
  /** True for a check's first verdict and whenever the verdict differs from the previous one. */
  verdictChanged: z.boolean(),
  queryExecutionId: z.string().nullable().optional(),
  statistics: z.unknown().optional(),
  previewRowCount: z.number().nullable().optional(),
  firstValue: z.string().nullable().optional(),
  error: z.unknown().optional(),
  trigger: z.string(),
  executionArn: z.string(),
  messages: completedEventMessagesSchema,
});
export type CompletedEventDetail = z.infer<typeof completedEventDetailSchema>;

/** InputPath of each destination kind's target: the event's ready-made message, sent as the request body. */
export const MESSAGE_INPUT_PATH = {
  slack: "$.detail.messages.slack",
  webhook: "$.detail.messages.webhook",
  sns: "$.detail.messages.text",
} as const;
