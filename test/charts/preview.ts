/**
 * Renders one PNG and SVG of every chart to /tmp/entente-charts/ (or the folder given), from the
 * ASEAN scenario and fixture experiments, for looking at: `npx tsx test/charts/preview.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSvg, type ChartSpec } from '../../src/charts/render.js';
import { renderPng } from '../../src/charts/png.js';
import { allCharts } from './fixtures.js';

const dir = process.argv[2] ?? '/tmp/entente-charts';
mkdirSync(dir, { recursive: true });
const only = process.argv[3];
for (const spec of allCharts() as ChartSpec[]) {
  if (only && !spec.id.includes(only)) continue;
  const svg = renderSvg(spec);
  writeFileSync(join(dir, `${spec.id}.svg`), svg);
  writeFileSync(join(dir, `${spec.id}.png`), renderPng(svg));
  console.log(spec.id);
}
