// Numbers as every page writes them (en-US grouping and decimals), with formatters built once per set of options.
// `Number#toLocaleString` with options builds a new Intl.NumberFormat on every call (V8 caches only the option-less
// form): about 30 µs each, which a checks list of 153 rows paid in every row's expectation, a tenth of a server
// process's time under load. The lint rule in eslint.config.mjs sends such calls here.

const formatters = new Map<string, Intl.NumberFormat>();

/** `value` in en-US digits: `formatNumber(1234.5)` → "1,234.5"; options as Intl.NumberFormat takes them. */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  const key = JSON.stringify(options);
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", options);
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}
