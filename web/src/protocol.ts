/** The messages between the explorer's page (main.ts) and its worker (worker.ts), which runs the model and draws the charts. */

/** A teaching scenario bundled with the page. */
export interface CatalogueEntry {
  file: string;
  name: string;
  description: string;
}

/** One slider: a condition of the essay (see conditions.ts). */
export interface ConditionInfo {
  name: string;
  label: string;
  description: string;
  min: number;
  max: number;
  step: number;
  /** The value in the scenario as written (a mean over states or pairs where they differ). */
  value: number;
  /** True when states (or pairs) differ in the scenario as written: moving the slider makes them all equal. */
  mixed: boolean;
}

export interface ScenarioInfo {
  file: string;
  name: string;
  description: string;
  teachingNote: string | null;
  states: { id: string; name: string }[];
  steps: number;
  seed: string | number;
  conditions: ConditionInfo[];
}

/** What the page asks for. `side` 0 is trust-first, side 1 the hypothesis the blend slider sets. */
export type ToWorker =
  | { type: 'load'; builtin: string }
  | { type: 'load'; text: string; file: string }
  | { type: 'configure'; conditions: Record<string, number>; seed: string | number; blend: number }
  | { type: 'advance'; months: number }
  | { type: 'explain'; side: 0 | 1; observer: string; subject: string }
  | { type: 'download'; side: 0 | 1; what: DownloadKind };

export type DownloadKind = 'series.csv' | 'events.jsonl' | 'scenario.yaml';

/** One hypothesis's run at the current month. */
export interface SideFrame {
  hypothesis: string;
  /** Key figures, label and value as shown. */
  figures: { label: string; value: string }[];
  matrixSvg: string;
  networkSvg: string;
  /** Sentences for the events since the previous frame (newest last), each with its date. */
  feed: { date: string; text: string }[];
}

export type FromWorker =
  | { type: 'catalogue'; entries: CatalogueEntry[] }
  | { type: 'loaded'; info: ScenarioInfo }
  | { type: 'problems'; file: string; problems: string[] }
  | { type: 'frame'; month: number; steps: number; date: string; reset: boolean; trustSvg: string; sides: [SideFrame, SideFrame] }
  | { type: 'explanation'; side: 0 | 1; hypothesis: string; title: string; sentences: string[]; waterfallSvg: string }
  | { type: 'file'; name: string; text: string; command: string }
  | { type: 'error'; message: string };
