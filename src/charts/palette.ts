/**
 * Colours and type sizes shared by every chart, so a report uses one colour per state and per
 * hypothesis throughout. Every palette here is safe for the common colour-vision deficiencies:
 * categories use Okabe and Ito's palette (extended with Paul Tol's "muted" colours for regions
 * of more than eight states), matrices use viridis (sequential, readable in grey when printed),
 * trust matrices use ColorBrewer's brown-teal (BrBG) around even odds, and differences between hypotheses use a blue-white-vermillion diverging scale whose ends are
 * the two hypotheses' own colours.
 */

/** Okabe-Ito, in an order that keeps the weakest colour on white (yellow) late. */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#56B4E9', // sky blue
  '#CC79A7', // reddish purple
  '#000000', // black
  '#F0E442', // yellow
] as const;

/** Paul Tol's "muted" scheme, used after Okabe-Ito for the ninth state onwards. */
export const TOL_MUTED = [
  '#332288', '#117733', '#44AA99', '#88CCEE', '#DDCC77', '#CC6677', '#AA4499', '#882255', '#999933',
] as const;

/** Categorical colours in order: Okabe-Ito first, then Tol muted, then a neutral grey. */
export const CATEGORICAL: readonly string[] = [...OKABE_ITO, ...TOL_MUTED, '#777777'];

/**
 * A state's colour, from its position in the scenario's `states` list (the same position gives
 * the same colour in every chart). Beyond 18 states colours repeat: charts label states by name
 * as well, never by colour alone.
 */
export function stateColor(index: number): string {
  const n = CATEGORICAL.length;
  return CATEGORICAL[((index % n) + n) % n];
}

/** A map from state id to colour, for a scenario's states in order. */
export function stateColors(states: readonly string[]): Map<string, string> {
  return new Map(states.map((s, i) => [s, stateColor(i)]));
}

/** habits-first: Okabe-Ito blue. */
export const HABITS_FIRST_COLOR = '#0072B2';
/** trust-first: Okabe-Ito vermillion. */
export const TRUST_FIRST_COLOR = '#D55E00';
/** The midpoint of a blend (blend=0.5): Okabe-Ito reddish purple. */
export const HALF_BLEND_COLOR = '#CC79A7';

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16)) as [number, number, number];
}

function rgbToHex([r, g, b]: readonly number[]): string {
  return '#' + [r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** Linear interpolation between two hex colours (t in [0, 1]). */
export function mix(a: string, b: string, t: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  return rgbToHex(x.map((v, k) => v + (y[k] - v) * t));
}

/** Trust-first weight of a hypothesis name: 0 for habits-first, 1 for trust-first, X for blend=X; NaN otherwise. */
export function trustFirstWeight(hypothesis: string): number {
  if (hypothesis === 'habits-first') return 0;
  if (hypothesis === 'trust-first') return 1;
  const m = /^blend=([0-9]*\.?[0-9]+)$/.exec(hypothesis);
  return m ? Math.max(0, Math.min(1, Number(m[1]))) : Number.NaN;
}

/**
 * A hypothesis's colour: blue for habits-first, vermillion for trust-first, blends along
 * blue - reddish purple - vermillion by their trust-first weight. Anything else is grey.
 */
export function hypothesisColor(hypothesis: string): string {
  const w = trustFirstWeight(hypothesis);
  if (Number.isNaN(w)) return '#777777';
  return w <= 0.5 ? mix(HABITS_FIRST_COLOR, HALF_BLEND_COLOR, w / 0.5) : mix(HALF_BLEND_COLOR, TRUST_FIRST_COLOR, (w - 0.5) / 0.5);
}

/** Viridis, sampled at 9 stops (0 = dark purple, 1 = yellow). */
export const VIRIDIS = ['#440154', '#472D7B', '#3B528B', '#2C728E', '#21918C', '#28AE80', '#5EC962', '#ADDC30', '#FDE725'] as const;

/** Sample a list of evenly spaced colour stops at t in [0, 1]. */
export function sampleStops(stops: readonly string[], t: number): string {
  const u = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(u));
  return mix(stops[k], stops[k + 1], u - k);
}

/** Sequential colour for a value in [0, 1] (trust, tension, habit...). */
export function sequentialColor(t: number): string {
  return sampleStops(VIRIDIS, t);
}

/**
 * Trust as a diverging scale around even odds (0.5): ColorBrewer BrBG, brown for distrust,
 * near-white at 0.5, teal for trust (safe for colour-blind readers; kept apart from the
 * hypothesis colours).
 */
export const TRUST_STOPS = ['#543005', '#8C510A', '#BF812D', '#DFC27D', '#F6E8C3', '#F5F5F5', '#C7EAE5', '#80CDC1', '#35978F', '#01665E', '#003C30'] as const;

/** Colour of a trust value in [0, 1] (0.5 near-white). */
export function trustColor(t: number): string {
  return sampleStops(TRUST_STOPS, t);
}

/** Diverging stops: habits-first blue, white at zero, trust-first vermillion. */
export const DIVERGING = [HABITS_FIRST_COLOR, '#7FB8D8', '#F7F7F7', '#EBAE80', TRUST_FIRST_COLOR] as const;

/** Diverging colour for t in [-1, 1]: negative toward habits-first blue, positive toward trust-first vermillion. */
export function divergingColor(t: number): string {
  return sampleStops(DIVERGING, (t + 1) / 2);
}

/** Text on a filled cell: black or white, whichever reads better on `background`. */
export function textOn(background: string): string {
  const [r, g, b] = hexToRgb(background).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.22 ? '#000000' : '#FFFFFF';
}

/** Colours for event kinds on timelines (Okabe-Ito, fixed). */
export const EVENT_COLORS: Readonly<Record<string, string>> = {
  forum: '#009E73',
  exercise: '#0072B2',
  agreement: '#CC79A7',
  defection: '#D55E00',
  incident: '#E69F00',
  escalation: '#000000',
  shock: '#56B4E9',
  leadership: '#777777',
};

/** Type sizes in px, for slides seen from the back of a room and for print. */
export const TYPE = {
  title: 26,
  subtitle: 18,
  legend: 16,
  caption: 16,
  axis: 15,
  label: 14,
} as const;

/** Ink colours. */
export const INK = {
  text: '#1A1A1A',
  muted: '#555555',
  axis: '#333333',
  grid: '#DDDDDD',
  background: '#FFFFFF',
} as const;
