/** Human-readable sizes, counts and ages for pages; pure so they render the same on server and client. */

const UNITS = ["B", "kB", "MB", "GB", "TB"];

/** Decimal units as the Hub shows them: 2362560 → "2.36 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ${UNITS[unit]}`;
}

/** Thousands separators with a fixed locale, so server and browser agree: 12345 → "12,345". */
export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

/** "1 ESM", "2 ESMs". */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

const STEPS: [number, string][] = [
  [60, "second"],
  [60, "minute"],
  [24, "hour"],
  [30, "day"],
  [12, "month"],
  [Number.POSITIVE_INFINITY, "year"],
];

/** Relative age against `now`: "just now", "5 minutes ago", "3 days ago". */
export function timeAgo(date: Date, now: Date = new Date()): string {
  let value = Math.max(0, (now.getTime() - date.getTime()) / 1000);
  if (value < 45) return "just now";
  for (const [size, unit] of STEPS) {
    if (value < size) {
      const n = Math.round(value);
      return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
    }
    value /= size;
  }
  return date.toISOString().slice(0, 10);
}

/** ISO date and minute in UTC, for tooltips and tables that must not depend on the viewer's zone. */
export function formatDateTime(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

/** A short commit id as git shows it. */
export function shortSha(id: string): string {
  return id.slice(0, 7);
}
