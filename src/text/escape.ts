/**
 * Escaping text from files (scenario names, descriptions, ids) for markup: SVG (XML) and HTML
 * share one definition, so a chart inline in a report is escaped the same way as the page.
 */

/**
 * Escapes text for XML or HTML character data and (double- or single-quoted) attribute values,
 * and drops the characters neither allows (C0 controls but tab, line feed and carriage return,
 * DEL, U+FFFE and U+FFFF).
 */
export function escapeMarkup(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/`/g, '&#96;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '');
}
