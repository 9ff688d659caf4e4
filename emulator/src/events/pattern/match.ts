import type { Field, Membership } from "./flatten";
import type { SubRule } from "./types";

/**
 * Array-consistent matching of one branch, as event-ruler's `rulesForJSONEvent` does it: the branch's field
 * paths are visited in sorted order; each picks an event field whose value matches and whose array elements
 * agree with those picked so far (two fields under different elements of the same array never match
 * together). `{ "exists": false }` holds when no value of the path is compatible with the elements picked
 * so far — which is why it depends on path order exactly as it does on AWS.
 */

type Picked = ReadonlyMap<number, number>;

/** The picks extended by `membership`, or undefined when it names another element of an array already picked. */
function extend(picked: Picked, membership: Membership): Picked | undefined {
  let extended: Map<number, number> | undefined;
  for (const [arrayId, index] of membership) {
    const current = picked.get(arrayId);
    if (current === undefined) {
      extended ??= new Map(picked);
      extended.set(arrayId, index);
    } else if (current !== index) {
      return undefined;
    }
  }
  return extended ?? picked;
}

/**
 * A memo key for "steps from `step` on, given these picks". Only arrays that enclose some field of the
 * remaining paths can affect the outcome, so other picks are left out: independent arrays then share keys
 * and the search stays polynomial instead of multiplying their sizes.
 */
function pickedKey(step: number, picked: Picked, relevant: ReadonlySet<number>): string {
  const entries = [...picked.entries()].filter(([id]) => relevant.has(id)).sort((a, b) => a[0] - b[0]);
  return `${step}|${entries.map(([id, index]) => `${id}:${index}`).join(",")}`;
}

/** For each step, the ids of arrays enclosing any candidate field of that step or a later one. */
function relevantArrays(rule: SubRule, fields: ReadonlyMap<string, readonly Field[]>): Set<number>[] {
  const result: Set<number>[] = [];
  let later = new Set<number>();
  for (let step = rule.length - 1; step >= 0; step--) {
    const current = new Set(later);
    for (const field of fields.get(rule[step]?.[0] ?? "") ?? []) {
      for (const [arrayId] of field.membership) current.add(arrayId);
    }
    result[step] = current;
    later = current;
  }
  return result;
}

/** True when the event's fields satisfy every path of the branch with consistent array elements. */
export function matchesSubRule(rule: SubRule, fields: ReadonlyMap<string, readonly Field[]>): boolean {
  // States already known to fail; keeps wide arrays from making the search exponential.
  const failed = new Set<string>();
  const relevant = relevantArrays(rule, fields);

  const search = (step: number, picked: Picked): boolean => {
    const entry = rule[step];
    if (entry === undefined) return true;
    const key = pickedKey(step, picked, relevant[step] ?? new Set());
    if (failed.has(key)) return false;
    const [path, fieldRule] = entry;
    const candidates = fields.get(path) ?? [];
    let anyCompatible = false;
    for (const field of candidates) {
      const next = extend(picked, field.membership);
      if (next === undefined) continue;
      anyCompatible = true;
      if (fieldRule.positives.some((matcher) => matcher.test(field.value)) && search(step + 1, next)) return true;
    }
    if (fieldRule.absent && !anyCompatible && search(step + 1, picked)) return true;
    failed.add(key);
    return false;
  };

  return search(0, new Map());
}
