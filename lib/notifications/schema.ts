// Notification destinations and a check's notification rules as zod schemas: the forms, the server actions and the
// data modules derive from these. Pure (client components import it).
import { z } from "zod";
import { verdictSchema } from "@/lib/checks/execution-contract";

export const DESTINATION_KINDS = ["slack", "webhook", "sns"] as const;
export const destinationKindSchema = z.enum(DESTINATION_KINDS);
export type DestinationKind = z.infer<typeof destinationKindSchema>;

export const NOTIFICATION_MODES = ["change", "every"] as const;
export const notificationModeSchema = z.enum(NOTIFICATION_MODES);
export type NotificationMode = z.infer<typeof notificationModeSchema>;

/** A destination's name also names its EventBridge connection and API destination, so it is short and ASCII. */
export const DESTINATION_NAME_MAX = 40;
export const DESTINATION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** An SNS topic ARN (standard topics: EventBridge cannot target FIFO topics without a message group). */
export const SNS_TOPIC_ARN_PATTERN = /^arn:aws[a-z-]*:sns:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** An HTTP header name (RFC 9110 token), and the headers a secret header may not replace. */
const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const RESERVED_HEADERS = new Set(["host", "content-type", "content-length", "user-agent", "authorization"]);

/** Verdicts that notify: at least one, each once. */
export const notifyVerdictsSchema = z
  .array(verdictSchema)
  .min(1, "Choose at least one verdict.")
  .refine((v) => new Set(v).size === v.length, "Each verdict once.");

/** Defaults of a new notification rule: FAIL and ERROR, only when the verdict changes. */
export const DEFAULT_NOTIFY_VERDICTS: z.infer<typeof verdictSchema>[] = ["FAIL", "ERROR"];
export const DEFAULT_NOTIFY_MODE: NotificationMode = "change";

export interface DestinationSchemaOptions {
  /** http:// URLs are allowed (emulator mode: the local webhook receiver); AWS's API destinations require https. */
  allowHttp: boolean;
  /** Editing: a blank URL / secret header value keeps the stored one (the form never receives it back). */
  editing: boolean;
}

/**
 * The destination form. Secrets (url, secretHeaderValue) are write-only: a blank value while editing keeps what is
 * stored. Kind-specific fields are checked beside the field they belong to.
 */
export function destinationSchema(opts: DestinationSchemaOptions) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, "Give the destination a name.")
        .max(DESTINATION_NAME_MAX, `At most ${DESTINATION_NAME_MAX} characters.`)
        .regex(DESTINATION_NAME_PATTERN, "Letters, digits, - and _ only, starting with a letter or digit."),
      kind: destinationKindSchema,
      url: z.string().trim().max(2048, "At most 2,048 characters.").default(""),
      topicArn: z.string().trim().default(""),
      secretHeaderName: z.string().trim().default(""),
      secretHeaderValue: z.string().max(512, "At most 512 characters.").default(""),
    })
    .superRefine((d, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      if (d.kind === "sns") {
        if (!SNS_TOPIC_ARN_PATTERN.test(d.topicArn))
          issue("topicArn", "Enter an SNS topic ARN: arn:aws:sns:<region>:<12-digit account>:<topic name>.");
        return;
      }
      if (d.url === "") {
        if (!opts.editing)
          issue("url", d.kind === "slack" ? "Paste the Slack incoming webhook URL." : "Enter the URL.");
      } else {
        let url: URL | null = null;
        try {
          url = new URL(d.url);
        } catch {
          issue("url", "Enter a full URL, e.g. https://hooks.example.com/audit.");
        }
        if (url) {
          if (url.protocol !== "https:" && !(opts.allowHttp && url.protocol === "http:"))
            issue(
              "url",
              opts.allowHttp
                ? "Use an https:// (or, on the emulator, http://) URL."
                : "Use an https:// URL: AWS API destinations refuse anything else.",
            );
          if (url.username || url.password) issue("url", "Put no user name or password in the URL.");
        }
      }
      if (d.kind === "webhook") {
        if (d.secretHeaderName && !HEADER_NAME_PATTERN.test(d.secretHeaderName))
          issue("secretHeaderName", "A header name: letters, digits and - only (e.g. X-Webhook-Secret).");
        else if (RESERVED_HEADERS.has(d.secretHeaderName.toLowerCase()))
          issue("secretHeaderName", `${d.secretHeaderName} is set by AWS; choose another header.`);
        if (d.secretHeaderValue && !d.secretHeaderName)
          issue("secretHeaderName", "Name the header the secret is sent in.");
        if (d.secretHeaderName && !d.secretHeaderValue && !opts.editing)
          issue("secretHeaderValue", "Enter the secret value (or clear the header name).");
      }
    });
}
export type DestinationInput = z.output<ReturnType<typeof destinationSchema>>;
export type DestinationDraft = z.input<ReturnType<typeof destinationSchema>>;

/** One notification rule of a check. */
export const checkNotificationSchema = z.object({
  destinationId: z.uuid("Choose a destination."),
  verdicts: notifyVerdictsSchema,
  mode: notificationModeSchema,
});
export type CheckNotificationInput = z.infer<typeof checkNotificationSchema>;

/** All notification rules of a check: each destination at most once. */
export const checkNotificationsSchema = z
  .array(checkNotificationSchema)
  .max(10, "At most 10 notification rules per check.")
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.destinationId))
        ctx.addIssue({ code: "custom", path: [i, "destinationId"], message: "This destination is already attached." });
      seen.add(r.destinationId);
    });
  });

/** A new notification rule as the form starts it. */
export function newCheckNotification(destinationId: string): CheckNotificationInput {
  return { destinationId, verdicts: [...DEFAULT_NOTIFY_VERDICTS], mode: DEFAULT_NOTIFY_MODE };
}
