// Errors of the database layer that a person may see. Server actions show `message` of these classes only.

/** Base class: the message is written for the operator. */
export class DbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

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

/** No row with that id (or slug). */
export class NotFoundError extends DbError {
  constructor(readonly what: string) {
    super(`${what} was not found. It may have been deleted.`);
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
        : `The slug “${value}” is already used by another check. Choose another slug.`,
    );
  }
}
