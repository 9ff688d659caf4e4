// One way to write times on every page: UTC, minute precision, sortable, no locale surprises between server and browser.

/** "2026-11-28 12:00 UTC" */
export function formatUtcMinute(d: Date | string): string {
  const iso = (typeof d === "string" ? new Date(d) : d).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "2026-11-28 12:00:05 UTC" */
export function formatUtcSecond(d: Date | string): string {
  const iso = (typeof d === "string" ? new Date(d) : d).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
