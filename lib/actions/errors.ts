// Refusals a server action handler raises on purpose; their messages are written for the operator.

/** A refusal shown to the operator, beside `field` when given, else at the top of the form. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
