/**
 * Wildcard complexity, as AWS event-ruler's MachineComplexityEvaluator measures it and EventBridge enforces it
 * ("Rule is too complex …"): for the wildcard patterns of one field, the largest number of wildcard-pattern
 * prefixes that one input value can match at the same time. A prefix counts when the glob made of the first
 * `k` tokens of a pattern (k ≥ 1) matches the whole input, `*` matching any run of bytes, including none.
 * Values are compared as UTF-8 bytes wrapped in double quotes, as event-ruler stores strings.
 */

/** A wildcard token: a literal byte (0..255) or the `*` that matches any run of bytes. */
const STAR = 256;

/** EventBridge refuses a pattern whose wildcards reach this complexity (AWS's own example, six `*` in an ARN, is 10). */
export const MAX_WILDCARD_COMPLEXITY = 10;

// Bounds the exploration of input values; every reachable set of prefixes is visited well before this.
const MAX_EXPLORED = 20_000;

/** Tokens of a parsed wildcard (its literal pieces, joined by `*`), optionally wrapped in quotes. */
export function wildcardTokens(pieces: readonly string[], quoted = true): number[] {
  const tokens: number[] = quoted ? [0x22] : [];
  pieces.forEach((piece, i) => {
    if (i > 0) tokens.push(STAR);
    tokens.push(...Buffer.from(piece, "utf8"));
  });
  if (quoted) tokens.push(0x22);
  return tokens;
}

/** The positions `k` still reachable once the star at `k - 1`, if any, has matched an empty run. */
function close(tokens: readonly number[], positions: Set<number>): Set<number> {
  for (const k of [...positions].sort((a, b) => a - b)) {
    let next = k;
    while (tokens[next] === STAR) positions.add(++next);
  }
  return positions;
}

function step(tokens: readonly number[], positions: ReadonlySet<number>, byte: number): Set<number> {
  const next = new Set<number>();
  for (const k of positions) {
    if (tokens[k] === byte) next.add(k + 1);
    if (k > 0 && tokens[k - 1] === STAR) next.add(k);
  }
  return close(tokens, next);
}

function weight(positions: readonly ReadonlySet<number>[]): number {
  let total = 0;
  for (const set of positions) for (const k of set) if (k > 0) total++;
  return total;
}

/**
 * Promises: the complexity of one field's wildcard patterns (each a token list from `wildcardTokens`), capped
 * at `cap`: the first input found reaching `cap` stops the search.
 */
export function wildcardComplexity(patterns: readonly (readonly number[])[], cap = MAX_WILDCARD_COMPLEXITY): number {
  if (patterns.length === 0) return 0;
  const alphabet = new Set<number>();
  for (const tokens of patterns) for (const t of tokens) if (t !== STAR) alphabet.add(t);
  // One byte no pattern names stands for all the others: they move every pattern the same way.
  let other = 0;
  while (alphabet.has(other)) other++;
  const bytes = [...alphabet, other];

  const start = patterns.map((tokens) => close(tokens, new Set([0])));
  const key = (state: readonly ReadonlySet<number>[]) =>
    state.map((s) => [...s].sort((a, b) => a - b).join(",")).join("|");
  const seen = new Set([key(start)]);
  const queue = [start];
  let maximum = 0;
  while (queue.length > 0 && seen.size < MAX_EXPLORED) {
    const state = queue.shift()!;
    for (const byte of bytes) {
      const next = state.map((positions, i) => step(patterns[i]!, positions, byte));
      if (next.every((s) => s.size === 0)) continue;
      const size = weight(next);
      if (size >= cap) return cap;
      maximum = Math.max(maximum, size);
      const k = key(next);
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(next);
      }
    }
  }
  return maximum;
}
