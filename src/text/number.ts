/**
 * Numbers as words print them, for captions, sentences, tables and terminals: one definition
 * each, so that a chart, a report and the command line never round the same value two ways.
 */

/** A number with `digits` decimals ("0.52", "-0.03"); "n/a" when not finite; never "-0.00". */
export function fixed(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return 'n/a';
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A signed number: "+0.05", "-0.12", "0.00" (no sign when it rounds to zero). */
export function signed(v: number, digits = 2): string {
  const s = fixed(v, digits);
  return v > 0 && !s.startsWith('-') && Number(s) !== 0 ? `+${s}` : s;
}

/** A number always with its sign, as a column of changes prints it: "+0.0000", "-0.0312". */
export function withSign(v: number, digits: number): string {
  return `${v >= 0 ? '+' : '-'}${Math.abs(v).toFixed(digits)}`;
}

/** A share as a percentage: "27%", "27.5%" with `digits` 1; "n/a" when not finite. */
export function percent(v: number, digits = 0): string {
  return Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : 'n/a';
}

/** A whole number with thousands separators: "12,345". */
export function thousands(v: number): string {
  return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
