// Counts in the reconciler's sentences ("1 rule", "3 rules"), instead of "rule(s)".

/** `n` followed by the singular or plural noun: plural(1, "call") → "1 call", plural(3, "call") → "3 calls". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
