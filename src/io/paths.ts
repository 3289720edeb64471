/**
 * Paths compared by what they name, not by how they are spelled (a trailing slash, a relative
 * spelling or a link), and values made safe as one path component.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/** Whether two paths name the same file or folder (real paths and inode identity, not spelling). */
export function samePath(a: string, b: string): boolean {
  try {
    const sa = statSync(a), sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return realPathOf(a) === realPathOf(b);
  }
}

/** Whether `inner` is `outer` or lies inside it, by real paths. */
export function isInside(inner: string, outer: string): boolean {
  const i = realPathOf(inner), o = realPathOf(outer);
  return i === o || i.startsWith(o.endsWith(sep) ? o : o + sep);
}

/** The real path of a file that may not exist yet: its nearest existing ancestor resolved. */
function realPathOf(p: string): string {
  const abs = resolve(p);
  let d = abs;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  const real = existsSync(d) ? realpathSync(d) : d;
  return join(real, abs.slice(d.length));
}

/**
 * A value from a file or the command line made safe as one path component: letters, digits,
 * `.`, `_`, `=` and `-` kept, anything else as `_`, never `.` or `..` or empty.
 */
export function safeComponent(value: string): string {
  const s = value.replace(/[^A-Za-z0-9._=-]/g, '_').slice(0, 80);
  return s === '' || /^\.+$/.test(s) ? `_${s.replace(/\./g, '_')}` : s;
}
