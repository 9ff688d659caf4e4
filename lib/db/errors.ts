// Errors of the database layer that a person may see: the action client shows their `message`.
import { OperatorError } from "@/lib/errors";

/** Base class: the message is written for the operator. */
export class DbError extends OperatorError {}

/** The row changed since the caller read it (optimistic locking): reload, then reapply the edit. */
export class ConcurrentEditError extends DbError {
  constructor(
    readonly checkId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(
      actualVersion === null
        ? "This check was deleted by someone else while you were editing it."
        : "Someone else saved this check while you were editing it. Your changes were not saved: " +
            "reload the check to see the current version, then apply your changes again.",
    );
  }
}

export type UniqueField = "name" | "slug";

/** A unique constraint refused the write: `field` says which one, `message` says it in words. */
export class UniqueViolationError extends DbError {
  constructor(
    readonly field: UniqueField,
    readonly value: string,
  ) {
    super(
      field === "name"
        ? `A check named “${value}” already exists. Choose another name.`
        : `The slug “${value}” is already used by another check. Slugs are compared regardless of case: choose another slug.`,
    );
  }
}
