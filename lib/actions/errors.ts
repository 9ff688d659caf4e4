// Refusals a server action handler raises on purpose; their messages are written for the operator.
import { OperatorError } from "@/lib/errors";

/** A refusal shown to the operator, beside `field` when given, else at the top of the form. */
export class ActionError extends OperatorError {}

/** A refused write because the check changed or vanished since it was read (the API answers 409). */
export class StaleCheckError extends ActionError {}
