// The base of every error whose message is written for the operator. Domain layers (lib/db, lib/executions)
// and the action layer raise subclasses of it; the action client (lib/actions/client.ts) shows their message,
// beside `field` when one is named, and hides every other error behind a generic sentence.

export class OperatorError extends Error {
  constructor(
    message: string,
    /** The form field the message belongs beside (a field-error path such as "event" or "parameters"). */
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
