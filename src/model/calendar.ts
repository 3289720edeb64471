/**
 * The calendar: steps <-> calendar months (YYYY-MM). A scenario's calendar starts at a month and
 * moves `stepMonths` months a step (MODEL section 2); every stage that shows a date asks here.
 */

/** A calendar month as written in every file: `YYYY-MM` (a run of 100,000 steps reaches years of five digits). */
export const MONTH_PATTERN = /^\d{4,}-(0[1-9]|1[0-2])$/;

/** What a date needs of a calendar: the month index (year * 12 + month - 1) of step 0, and months a step. */
export interface Calendar {
  readonly startMonth: number;
  readonly stepMonths: number;
}

/** The month index (year * 12 + month - 1) of `YYYY-MM`. */
export function monthIndex(date: string): number {
  const [y, m] = date.split('-').map(Number);
  return y * 12 + m - 1;
}

/** `YYYY-MM` of a month index. */
export function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The calendar month (YYYY-MM) of a step. */
export function stepDate(calendar: Calendar, step: number): string {
  return monthOf(calendar.startMonth + step * calendar.stepMonths);
}

/**
 * The calendar month (YYYY-MM) of a step of the run's output files (series.csv, pairs.csv,
 * events.jsonl, final.json): step 0 is the initial state, before any activity, and carries the
 * start month; step t >= 1 is the t-th month simulated (the model's step t - 1) and carries its month.
 */
export function outputDate(calendar: Calendar, step: number): string {
  return stepDate(calendar, Math.max(0, step - 1));
}

/** A YYYY-MM calendar month as a UTC Date (first of the month). */
export function monthDate(date: string): Date {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, 1));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "March 2014" for "2014-03" (the text itself when it is not a month). */
export function monthLabel(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return Number.isFinite(m) && m >= 1 && m <= 12 ? `${MONTHS[m - 1]} ${y}` : date;
}

/** "Mar 2014" for "2014-03", short for axes and annotations. */
export function shortMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return Number.isFinite(m) && m >= 1 && m <= 12 ? `${MONTHS[m - 1].slice(0, 3)} ${y}` : date;
}
