/**
 * The explorer's stand-in for src/charts/font-files.ts (the build swaps it in: vite.config.ts):
 * the same DejaVu Sans files, whose bytes the worker fetches from the page's own folder before it
 * draws a chart, so text is measured from the same fonts as on the command line.
 */
const loaded = new Map<string, Uint8Array>();

/** Gives the bytes of one TTF file (`DejaVuSans.ttf`, `DejaVuSans-Bold.ttf`). */
export function setFontBytes(name: string, bytes: Uint8Array): void {
  loaded.set(name, bytes);
}

/** The bytes of a TTF file given with `setFontBytes`. */
export function fontBytes(name: string): Uint8Array {
  const bytes = loaded.get(name);
  if (bytes === undefined) throw new Error(`the font ${name} is not loaded yet`);
  return bytes;
}

/** There is no font folder in a browser: PNGs (which need one) are drawn by the command line only. */
export function fontDirectory(): string {
  throw new Error('no font folder in the browser');
}

export function fontFiles(): string[] {
  throw new Error('no font files in the browser');
}
