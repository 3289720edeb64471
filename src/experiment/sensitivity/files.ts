/**
 * The files of a sensitivity folder (formats agreed in docs: sensitivity.json, sensitivity.csv,
 * points.csv), written together: each under a temporary name, synced, then all renamed into
 * place, so a stop leaves all of the old files or all of the new. Deterministic bytes: numbers
 * as JavaScript prints them, rows in a fixed order.
 */
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { syncFolder, temporaryName, writeSynced } from '../../io/output.js';
import type { Factor } from '../../stats/index.js';
import { marginOf, type PlanInfo } from '../plan-info.js';
import { csvText, num } from '../rows.js';
import { POINT_CHUNK, pointIndex, pointValues, sensitivityOf, sensitivityRows, type PointValues, type SensitivityRow } from './analyse.js';
import { SENSITIVITY_FORMAT, type SensitivityReport as Written } from './format.js';
import type { SensitivityMethod } from './schema.js';

export const SENSITIVITY_JSON = 'sensitivity.json';
export const SENSITIVITY_CSV = 'sensitivity.csv';
export const POINTS_CSV = 'points.csv';
/** The result files of a sensitivity folder (besides plan.json, manifest.json and data/). */
export const SENSITIVITY_FILES = [SENSITIVITY_JSON, SENSITIVITY_CSV, POINTS_CSV] as const;

export { SENSITIVITY_FORMAT } from './format.js';

/** sensitivity.json, as the writer builds it (its schema, for every reader: format.ts). */
export interface SensitivityReport {
  format: 'entente-sensitivity/1';
  method: SensitivityMethod;
  experiment: { name: string; file: string; sha256: string };
  factors: Factor[];
  samples: number;
  levels: number | null;
  secondOrder: boolean;
  points: number;
  replications: number;
  hypotheses: string[];
  /** The hypotheses [A, B] of the difference target "A - B", or null (one hypothesis). */
  difference: [string, string] | null;
  scenarios: string[];
  seed: string;
  resamples: number;
  level: number;
  /** The practical-equivalence margin of each metric analysed (the file's analysis.margins over the defaults). */
  margins: Record<string, number>;
  results: SensitivityRow[];
}

export function sensitivityReport(info: PlanInfo, results: SensitivityRow[]): SensitivityReport {
  const s = sensitivityOf(info);
  return {
    format: SENSITIVITY_FORMAT, method: s.method,
    experiment: { name: info.name, file: info.experimentFile, sha256: info.experimentSha256 },
    factors: s.factors, samples: s.samples, levels: s.levels, secondOrder: s.secondOrder, points: info.sets.length,
    replications: info.replications, hypotheses: info.hypotheses, difference: s.difference, scenarios: info.scenarios.map((x) => x.name),
    seed: s.seed, resamples: s.resamples, level: s.level,
    margins: Object.fromEntries(s.metrics.map((m) => [m, marginOf(info, m)])), results,
  } satisfies Written;
}

/** sensitivity.csv: `scenario,metric,target,factor,index,value,low,high`, one line per index (skipped targets have none). */
function* indexLines(r: SensitivityReport): Generator<string> {
  yield 'scenario,metric,target,factor,index,value,low,high\n';
  const names = r.factors.map((f) => f.name);
  for (const row of r.results) {
    if (row.skipped !== null) continue;
    const head = [row.scenario, row.metric, row.target].map(csvText).join(',');
    const line = (factor: string, index: string, value: number, interval?: [number, number]) =>
      `${head},${csvText(factor)},${index},${num(value)},${interval ? num(interval[0]) : ''},${interval ? num(interval[1]) : ''}\n`;
    if (r.method === 'sobol') {
      for (let j = 0; j < names.length; j++) yield line(names[j], 'first', row.first![j], row.firstInterval![j]);
      for (let j = 0; j < names.length; j++) yield line(names[j], 'total', row.total![j], row.totalInterval![j]);
      for (const x of row.second ?? []) yield line(`${x.factors[0]}:${x.factors[1]}`, 'second', x.value, x.interval);
    } else {
      for (let j = 0; j < names.length; j++) yield line(names[j], 'mu', row.mu![j]);
      for (let j = 0; j < names.length; j++) yield line(names[j], 'muStar', row.muStar![j], row.muStarInterval![j]);
      for (let j = 0; j < names.length; j++) yield line(names[j], 'sigma', row.sigma![j]);
    }
  }
}

/** points.csv: `point,<factor...>,scenario,target,metric,n,mean`, the values each point was run with. */
function* pointLines(info: PlanInfo, v: PointValues): Generator<string> {
  const factors = sensitivityOf(info).factors.map((f) => f.name);
  yield `${['point', ...factors, 'scenario', 'target', 'metric', 'n', 'mean'].map(csvText).join(',')}\n`;
  for (let p = 0; p < v.points; p++) {
    const cells = [String(p), ...factors.map((f) => num(info.sets[p][f]))].join(',');
    const out: string[] = [];
    v.scenarios.forEach((sc, s) => v.targets.forEach((t, ti) => v.metrics.forEach((m, mi) => {
      const k = pointIndex(v, s, ti, mi, p);
      out.push(`${cells},${csvText(sc)},${csvText(t)},${m},${v.n[k]},${num(v.mean[k])}\n`);
    })));
    yield out.join('');
  }
}

/** Writes the three files into `dir` (all or none). */
export function writeSensitivityFiles(dir: string, info: PlanInfo, v: PointValues, report: SensitivityReport): void {
  const files: [string, Iterable<string>][] = [
    [SENSITIVITY_JSON, [JSON.stringify(report, null, 2) + '\n']],
    [SENSITIVITY_CSV, indexLines(report)],
    [POINTS_CSV, pointLines(info, v)],
  ];
  const written: string[] = [];
  try {
    for (const [name, contents] of files) {
      const tmp = temporaryName(join(dir, name));
      written.push(tmp);
      writeSynced(tmp, contents);
    }
    files.forEach(([name], k) => renameSync(written[k], join(dir, name)));
    written.length = 0;
    syncFolder(dir);
  } finally {
    for (const tmp of written) rmSync(tmp, { force: true });
  }
}

/**
 * Analyses a sensitivity folder and writes its files; resolves to the report, or to null when
 * the signal stopped it (then nothing was written).
 */
export async function analyseSensitivity(dir: string, info: PlanInfo, o: { signal?: AbortSignal; onBlock?: (done: number, total: number) => void } = {}): Promise<SensitivityReport | null> {
  const v = await pointValues(dir, info, o);
  if (v === null) return null;
  const report = sensitivityReport(info, sensitivityRows(info, v));
  await new Promise((r) => setImmediate(r));
  if (o.signal?.aborted) return null;
  writeSensitivityFiles(dir, info, v, report);
  return report;
}

/** Blocks the analysis reports progress in (as `onBlock`'s total). */
export function sensitivityBlocks(info: PlanInfo): number {
  return info.scenarios.length * Math.ceil(info.sets.length / POINT_CHUNK);
}
