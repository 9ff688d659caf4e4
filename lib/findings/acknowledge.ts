// What the acknowledge form sends, as one schema: the form validates with it, the server action again.
import { z } from "zod";

export const MAX_ACK_COMMENT_CHARS = 2000;

export const acknowledgeInputSchema = z
  .object({
    findingId: z.string().regex(/^\d{1,19}$/, "Unknown finding."),
    /** Why the finding is acceptable; required. */
    comment: z
      .string()
      .trim()
      .min(1, "Say why this finding is acceptable.")
      .max(MAX_ACK_COMMENT_CHARS, `At most ${MAX_ACK_COMMENT_CHARS.toLocaleString("en-US")} characters.`),
    /** "YYYY-MM-DD" (the acknowledgement ends at 00:00 UTC that day), or "" for good. */
    until: z.string().trim(),
  })
  .superRefine((v, ctx) => {
    if (v.until === "") return;
    const d = /^\d{4}-\d{2}-\d{2}$/.test(v.until) ? new Date(`${v.until}T00:00:00Z`) : null;
    if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v.until)
      ctx.addIssue({ code: "custom", path: ["until"], message: "Enter a date as YYYY-MM-DD, or leave it empty." });
    else if (d.getTime() <= Date.now())
      ctx.addIssue({ code: "custom", path: ["until"], message: "Choose a date after today, or leave it empty." });
  })
  .transform((v) => ({
    findingId: v.findingId,
    comment: v.comment,
    until: v.until === "" ? null : new Date(`${v.until}T00:00:00Z`),
  }));
export type AcknowledgeDraft = z.input<typeof acknowledgeInputSchema>;
