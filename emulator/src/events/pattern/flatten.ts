import type { Leaf } from "./types";

/**
 * Flattens an event into leaf fields the way event-ruler does: a field's name is its dot-joined path
 * (arrays add no step, so `containers[0].exitCode` is `containers.exitCode`), and it remembers which element
 * of which array it sits in, so a match can insist that fields named together come from the same element.
 * Objects, empty arrays and missing keys produce no field: only leaves exist.
 */

/** Array id → element index, for every array enclosing a field. */
export type Membership = ReadonlyArray<readonly [arrayId: number, index: number]>;

export interface Field {
  readonly value: Leaf;
  readonly membership: Membership;
}

// Guards against hostile inputs (a caller's self-referencing array), far above any real 256 KiB event:
// JSON parsers in front of AWS refuse nesting deeper than 1000 anyway.
const MAX_NODES = 2_000_000;
const MAX_ARRAY_NESTING = 1000;

/**
 * Leaf fields of `event` grouped by name, keeping only paths in `walkPaths` (the pattern's paths and their
 * prefixes), since nothing else can influence a match.
 */
export function flattenEvent(event: Record<string, unknown>, walkPaths: ReadonlySet<string>): Map<string, Field[]> {
  const fields = new Map<string, Field[]>();
  let nextArrayId = 0;
  let visited = 0;
  // The root has no path (null), so that a key "" at the top is the field "" like any other key.
  const stack: Array<{ value: unknown; path: string | null; membership: Membership }> = [
    { value: event, path: null, membership: [] },
  ];
  while (stack.length > 0 && visited < MAX_NODES) {
    const { value, path, membership } = stack.pop()!;
    visited++;
    if (Array.isArray(value)) {
      if (membership.length >= MAX_ARRAY_NESTING) continue;
      const arrayId = nextArrayId++;
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], path, membership: [...membership, [arrayId, i]] });
      }
    } else if (typeof value === "object" && value !== null) {
      for (const key of Object.keys(value)) {
        const childPath = path === null ? key : `${path}.${key}`;
        if (walkPaths.has(childPath)) {
          stack.push({ value: (value as Record<string, unknown>)[key], path: childPath, membership });
        }
      }
    } else if (path !== null && isLeaf(value)) {
      const list = fields.get(path);
      if (list) list.push({ value, membership });
      else fields.set(path, [{ value, membership }]);
    }
  }
  return fields;
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
