/**
 * The files of a run folder, as zod schemas: the one definition of `run.json`, `final.json` and
 * each kind of line of `events.jsonl` (a union on `kind`). The writer (format.ts) builds the
 * schemas' input types; the reader (read.ts) validates against them; every other module takes
 * the types from here.
 */
import { z } from 'zod';
import { MONTH_PATTERN } from '../../model/calendar.js';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const stateId = z.string();
const step = z.number().int().min(0);
const month = z.string().regex(MONTH_PATTERN, 'expected a month as YYYY-MM');

/** What run.json records of each file written beside it, so that damage can be told. */
export const FileRecord = z.object({
  /** Lines (events.jsonl) or lines including the header (CSV files). */
  lines: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileRecord = z.output<typeof FileRecord>;

/** run.json: the manifest of a run. */
export const RunJson = z.object({
  scenario: z.object({ name: z.string(), file: z.string(), sha256: z.string() }),
  seed: z.union([z.string(), z.number()]),
  hypothesis: z.string(),
  steps: z.number().int().min(1),
  /** When the run was written from an experiment (npm run experiment -- --replay N). */
  experiment: z.object({
    file: z.string(), sha256: z.string().optional(), run: z.number().int(), scenario: z.number().int().optional(),
    set: z.number().int(), parameters: z.record(z.string(), z.number()).optional(), replication: z.number().int(),
  }).optional(),
  modelVersion: z.string(),
  gitCommit: z.string().optional(),
  node: z.string().optional(),
  rng: z.string().optional(),
  wallTimeMs: z.number().optional(),
  command: z.string().optional(),
  /** The result files written beside run.json. */
  files: z.array(z.string()),
  /** For each of `files`: its line count, size and SHA-256 (runs written before this field have none). */
  records: z.record(z.string(), FileRecord).optional(),
});
export type RunJson = z.output<typeof RunJson>;
export type RunJsonInput = z.input<typeof RunJson>;

const matrix = z.array(z.array(finite));

/** final.json: final matrices (rows and columns in `states` order) and per-state results. */
export const FinalJson = z.object({
  states: z.array(stateId).min(2),
  step,
  date: month,
  /** trust[i][j]: i's trust in j. */
  trust: matrix,
  tension: matrix,
  habit: matrix,
  understanding: matrix,
  agreements: z.array(z.tuple([stateId, stateId])),
  outcomes: z.record(z.string(), finite),
  perState: z.array(z.object({ id: stateId, gains: finite, losses: finite, defections: finite, capability: finite, budget: finite })),
  /** The agreement network at the end (MODEL 7b): its measures and how many states have degree 0, 1, ... */
  network: z.object({
    ties: finite, density: finite, clustering: finite, triadicShare: finite, degreeDependence: finite,
    degreeDistribution: z.array(finite),
  }),
  /** When states have strategies for tested cooperation: each pair's repeated game, turn by turn ("CD": the first state C, the second D). */
  games: z.array(z.object({
    between: z.tuple([stateId, stateId]),
    strategies: z.tuple([z.string().nullable(), z.string().nullable()]),
    moves: z.array(z.enum(['CC', 'CD', 'DC', 'DD'])),
  })).optional(),
});
export type FinalJson = z.output<typeof FinalJson>;

// --- events.jsonl ----------------------------------------------------------------------------

/** A trust row's fields: whose trust moved, in whom, the forgetting before, the event's change, trust after. */
const trustFields = {
  observer: stateId.optional(),
  subject: stateId.optional(),
  drift: finite.optional(),
  delta: finite.optional(),
  trust: z.number().gt(0).lt(1).optional(),
};
/** Rows of a scheduled event with a note: the scenario's words for it (last key of the row). */
const note = { note: z.string().optional() };
const base = { step, date: month, activity: z.string().optional(), ...trustFields, ...note };

const ActivityEvent = z.object({
  ...base, kind: z.literal('activity'), from: stateId.nullable(), to: stateId.nullable(),
  heeded: z.boolean(), misread: z.literal(true).optional(), deceived: z.literal(true).optional(), suspicious: z.literal(true).optional(),
});
/** Symbolic positioning, reputation, leadership change, declined activity, trust-first stance (a decision, a declaration or a revocation), cancelled programme occurrence: a transmitter and a receiver. */
const PairEvent = z.object({
  ...base, kind: z.enum(['symbolic', 'reputation', 'leadership', 'declined', 'stance', 'cancelled']), from: stateId.nullable(), to: stateId.nullable(),
});
const TestEvent = z.object({ ...base, kind: z.literal('test'), trustee: stateId, truster: stateId, relied: z.boolean(), honoured: z.boolean().optional() });
const IncidentEvent = z.object({ ...base, kind: z.literal('incident'), between: z.tuple([stateId, stateId]), escalated: z.boolean(), tension: finite.optional() });
const ShockEvent = z.object({ ...base, kind: z.literal('shock'), between: z.tuple([stateId.nullable(), stateId.nullable()]), tension: finite.optional() });
const AgreementEvent = z.object({ ...base, kind: z.literal('agreement'), between: z.tuple([stateId, stateId]) });
const DefectionEvent = z.object({ ...base, kind: z.literal('defection'), state: stateId, group: z.string(), pressure: finite.optional() });
const ForumEvent = z.object({ ...base, kind: z.literal('forum'), forum: z.string(), activity: z.string(), members: finite });

/** One line of events.jsonl (fields by kind; see docs/MODEL.md section 10). */
export const EventRow = z.discriminatedUnion('kind', [
  ActivityEvent, PairEvent, TestEvent, IncidentEvent, ShockEvent, AgreementEvent, DefectionEvent, ForumEvent,
]).refine((e) => {
  const n = [e.observer, e.subject, e.drift, e.delta, e.trust].filter((v) => v !== undefined).length;
  return n === 0 || n === 5;
}, 'a trust row needs observer, subject, drift, delta and trust together');
export type EventRow = z.output<typeof EventRow>;
/** What the writer builds for one event. */
export type EventRowInput = z.input<typeof EventRow>;

type AnyKey<T> = T extends unknown ? keyof T : never;
type FieldOf<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;
/**
 * An event as a reader that looks at fields rather than kinds sees it (the charts): every field
 * of any kind, optional, with the type the schema gives it; step, date and kind always there.
 */
export type EventFields = { [K in AnyKey<EventRow>]?: Exclude<FieldOf<EventRow, K>, undefined> } & Pick<EventRow, 'step' | 'date' | 'kind'>;
