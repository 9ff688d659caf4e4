import type { WildcardPattern } from "./text";

/** A JSON leaf value as it appears in an event (objects and arrays are walked, never compared). */
export type Leaf = string | number | boolean | null;

/** One alternative of a pattern field, e.g. `{ "prefix": "us-" }` or the exact value `"aws.ec2"`. */
export interface ValueMatcher {
  readonly kind: string;
  /** The wildcard patterns of a `wildcard` / `anything-but` `wildcard` alternative (they count towards complexity). */
  readonly wildcards?: readonly WildcardPattern[];
  test(value: Leaf): boolean;
}

/**
 * Everything a pattern says about one flattened field path (`detail.state`): it matches when any positive
 * alternative matches a value of that path, or when `{ "exists": false }` is among the alternatives and the
 * path has no value.
 */
export interface FieldRule {
  readonly positives: readonly ValueMatcher[];
  readonly absent: boolean;
}

/**
 * One branch of a pattern after `$or` has been expanded: field paths (dot-joined, as AWS's rule compiler
 * joins them) with their rules, sorted by path because matching visits them in that order.
 */
export type SubRule = ReadonlyArray<readonly [path: string, rule: FieldRule]>;

/** A validated pattern ready for matching. */
export interface CompiledPattern {
  /** The pattern matches an event when any branch matches. */
  readonly subRules: readonly SubRule[];
  /** Every field path the pattern names and all their dot-prefixes: the only parts of an event worth walking. */
  readonly walkPaths: ReadonlySet<string>;
}
