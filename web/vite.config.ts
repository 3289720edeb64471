/**
 * The explorer's build (Vite): a static folder, `dist-web/`, that any static host or a small
 * local server can serve, with relative paths so that it works from wherever it is copied. The
 * simulation core and charts come from `src/` as they are; the one module that reads files in
 * Node (the chart fonts, src/charts/font-files.ts) is swapped for its browser stand-in.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Resolves src/charts/font.ts's `./font-files.js` to web/src/platform/font-files.ts. */
function browserFonts(): Plugin {
  const shim = here('./src/platform/font-files.ts');
  return {
    name: 'entente-browser-fonts',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './font-files.js' && importer !== undefined && /[\\/]src[\\/]charts[\\/]font\.ts$/.test(importer)) return shim;
      return null;
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  plugins: [browserFonts()],
  worker: { format: 'es', plugins: () => [browserFonts()] },
  build: {
    outDir: here('../dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    // The worker carries the model, the charts and Plot: large for a page, small for a tool.
    chunkSizeWarningLimit: 2000,
    assetsInlineLimit: 0,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry /*#__PURE__*/ comments where Rollup cannot use them; harmless.
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
    },
  },
});
