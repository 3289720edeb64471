/**
 * Where the DejaVu Sans files come from, in Node: the `dejavu-fonts-ttf` npm package. The
 * explorer's build replaces this module with one that serves the same files' bytes, loaded with
 * the page (web/src/platform/font-files.ts), so text is measured from the same fonts there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let fontDir: string | null = null;

/** The folder holding the DejaVu TTF files. */
export function fontDirectory(): string {
  if (fontDir === null) {
    const require = createRequire(import.meta.url);
    // The package has no `main`; its README is a file every version ships.
    fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/README.md')), 'ttf');
  }
  return fontDir;
}

/** The TTF files given to resvg: regular, bold, oblique and bold oblique. */
export function fontFiles(): string[] {
  const dir = fontDirectory();
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf']
    .map((f) => join(dir, f));
}

/** The bytes of one of the TTF files by name (`DejaVuSans.ttf`, `DejaVuSans-Bold.ttf`). */
export function fontBytes(name: string): Uint8Array {
  return readFileSync(join(fontDirectory(), name));
}
