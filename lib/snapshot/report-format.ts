/*
 * Numbers and times as reports print them: the same on every machine (no
 * locale or time zone of the server or browser leaks in), and the statistics
 * under the plain names the board uses.
 */

/**
 * A fixed number of decimals for machine-read files: never exponent notation
 * (a spread of 1e-17 is "0.000"), never "-0.000".
 */
export function decimal(x: number, digits = 3): string {
  const scale = 10 ** digits;
  const rounded = Math.round(x * scale) / scale;
  // Math.round(-0.0004 * 1000) is -0, and (-0).toFixed prints "0"; a tiny negative would print "-0.000".
  return (rounded === 0 ? 0 : rounded).toFixed(digits);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "6 December 2026, 14:05 UTC", whatever offset the time was written with. */
export function readableUtc(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}, ${two(t.getUTCHours())}:${two(t.getUTCMinutes())} UTC`;
}

export { percent } from "../stats/format";

/** Two decimals, as the board shows spreads. */
export const cells = (x: number): string => decimal(x, 2);

/** How a spread changed between rounds, in the board's words. */
export function spreadChangeText(before: number, after: number): string {
  // Judged on the numbers as printed, so "0.50 → 0.50" never reads "closer together".
  const [from, to] = [cells(before), cells(after)];
  const direction = from === to ? "no change" : Number(to) < Number(from) ? "closer together" : "further apart";
  return `${from} → ${to}, ${direction}`;
}
