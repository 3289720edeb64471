/** The SVG snapshot test of every chart spec: well-formed XML, a caption a reader can use, and its file snapshot. */
import { expect, it } from 'vitest';
import { renderSvg } from '../../src/charts/render.js';
import type { ChartSpec } from '../../src/charts/index.js';
import { parseXml } from './xml.js';

export function snapshotTests(specs: readonly ChartSpec[]): void {
  for (const spec of specs) {
    it(`${spec.id} matches its snapshot and is well-formed`, async () => {
      const svg = renderSvg(spec);
      expect(() => parseXml(svg)).not.toThrow();
      expect(spec.caption.length).toBeGreaterThan(80);
      await expect(svg).toMatchFileSnapshot(`./__snapshots__/${spec.id}.svg`);
    });
  }
}
