/**
 * The default activity catalogue: every activity the essay names ("Introduction", "Regional
 * Defence Diplomacy Today", "What is the Point?"). Numbers are starting defaults (MODEL 3);
 * a scenario's `activities:` block overrides any field of any kind.
 *
 * Likelihood ratios follow Kydd's reassurance logic: a costly signal (sunk cost) is one an
 * untrustworthy state mimics rarely, so LR is large; cheap talk has LR near 1. Tied-hands
 * signals (public commitments) sit between. Ceilings follow the essay's warning that arms
 * transfers and training "in a region in which conflict is endemic and tensions are high" are
 * not diplomatic.
 */
import type { ActivitySpec } from './activity.js';

type Kind = ActivitySpec;
const k = (s: Kind): Kind => s;

export const CATALOGUE = {
  officialContact: k({
    label: 'Official contacts', cost: 0.5, lr: 1.15, signalKind: 'cheapTalk', mode: 'bilateral', track: 1,
    languageLoad: 0.6, culturalLoad: 0.5, needsParity: 0, tensionCeiling: 0.9, stake: 0.02, ambition: 1,
    naval: false, rivalTension: 0, outcomes: { perceptions: 0.4, transparency: 0.3, relationships: 0.4 },
  }),
  defenceAttache: k({
    label: 'Defence attaché appointment', cost: 1, lr: 1.3, signalKind: 'sunkCost', mode: 'bilateral', track: 1,
    languageLoad: 0.5, culturalLoad: 0.5, needsParity: 0, tensionCeiling: 0.85, stake: 0.05, ambition: 1,
    naval: false, rivalTension: 0, outcomes: { transparency: 0.6, relationships: 0.5, perceptions: 0.3 },
  }),
  highLevelDialogue: k({
    label: 'High-level dialogue', cost: 1.5, lr: 1.4, signalKind: 'tiedHands', mode: 'bilateral', track: 1,
    languageLoad: 0.9, culturalLoad: 0.7, needsParity: 0, tensionCeiling: 0.8, stake: 0.1, ambition: 2,
    naval: false, rivalTension: 0, outcomes: { tension: 0.6, transparency: 0.5, perceptions: 0.6, symbolic: 0.4 },
  }),
  shipVisit: k({
    label: 'Ship visit', cost: 2, lr: 1.5, signalKind: 'sunkCost', mode: 'bilateral', track: 1,
    languageLoad: 0.2, culturalLoad: 0.4, needsParity: 0.1, tensionCeiling: 0.6, stake: 0.15, ambition: 2,
    naval: true, rivalTension: 0, outcomes: { symbolic: 0.6, confidence: 0.5, relationships: 0.5, perceptions: 0.3 },
  }),
  combinedExercise: k({
    label: 'Combined exercise', cost: 5, lr: 2.5, signalKind: 'sunkCost', mode: 'bilateral', track: 1,
    languageLoad: 0.5, culturalLoad: 0.5, needsParity: 0.8, tensionCeiling: 0.5, stake: 0.35, ambition: 3,
    naval: true, rivalTension: 0, outcomes: { confidence: 0.8, relationships: 0.7, competence: 0.5, transparency: 0.4 },
  }),
  trainingExchange: k({
    label: 'Training and exchanges', cost: 3, lr: 1.8, signalKind: 'sunkCost', mode: 'bilateral', track: 1,
    languageLoad: 0.7, culturalLoad: 0.6, needsParity: 0.3, tensionCeiling: 0.5, stake: 0.2, ambition: 2,
    naval: false, rivalTension: 0, outcomes: { competence: 0.7, perceptions: 0.6, relationships: 0.6, transparency: 0.3 },
  }),
  capacityBuilding: k({
    label: 'Capacity building / security-sector reform', cost: 6, lr: 2.8, signalKind: 'sunkCost', mode: 'bilateral', track: 1,
    languageLoad: 0.7, culturalLoad: 0.9, needsParity: 0.2, tensionCeiling: 0.45, stake: 0.4, ambition: 4,
    naval: false, rivalTension: 0, outcomes: { competence: 1, incentives: 0.6, relationships: 0.6, constituency: 0.3 },
  }),
  armsTransfer: k({
    label: 'Arms transfer', cost: 6, lr: 2.5, signalKind: 'sunkCost', mode: 'bilateral', track: 1,
    languageLoad: 0.1, culturalLoad: 0.2, needsParity: 0, tensionCeiling: 0.3, stake: 0.5, ambition: 4,
    naval: false, rivalTension: 1, outcomes: { competence: 0.8, incentives: 0.7, symbolic: 0.5, constituency: 0.4 },
  }),
  materialAid: k({
    label: 'Material aid', cost: 3, lr: 1.8, signalKind: 'sunkCost', mode: 'bilateral', track: 1,
    languageLoad: 0.1, culturalLoad: 0.3, needsParity: 0, tensionCeiling: 0.5, stake: 0.15, ambition: 2,
    naval: false, rivalTension: 0.2, outcomes: { incentives: 0.8, competence: 0.4, perceptions: 0.4 },
  }),
  humanitarianMission: k({
    label: 'Humanitarian and medical mission', cost: 4, lr: 2, signalKind: 'sunkCost', mode: 'bilateral', track: 1,
    languageLoad: 0.3, culturalLoad: 0.4, needsParity: 0, tensionCeiling: 0.7, stake: 0.1, ambition: 3,
    naval: true, rivalTension: 0, outcomes: { perceptions: 0.9, symbolic: 0.7, tension: 0.4, constituency: 0.5 },
  }),
  sportsVisit: k({
    label: 'Sports visit', cost: 0.5, lr: 1.1, signalKind: 'cheapTalk', mode: 'bilateral', track: 2,
    languageLoad: 0.1, culturalLoad: 0.3, needsParity: 0, tensionCeiling: 0.7, stake: 0.01, ambition: 1,
    naval: false, rivalTension: 0, outcomes: { relationships: 0.6, perceptions: 0.5 },
  }),
  whitePaper: k({
    label: 'Defence white paper', cost: 1, lr: 1.25, signalKind: 'tiedHands', mode: 'broadcast', track: 1,
    languageLoad: 0.8, culturalLoad: 0.4, needsParity: 0, tensionCeiling: 1, stake: 0, ambition: 1,
    naval: false, rivalTension: 0, outcomes: { transparency: 1, confidence: 0.4, constituency: 0.4 },
  }),
  professionalJournal: k({
    label: 'Professional journal', cost: 0.3, lr: 1.05, signalKind: 'cheapTalk', mode: 'broadcast', track: 2,
    languageLoad: 0.9, culturalLoad: 0.3, needsParity: 0, tensionCeiling: 1, stake: 0, ambition: 1,
    naval: false, rivalTension: 0, outcomes: { transparency: 0.5, perceptions: 0.3 },
  }),
  positionStatement: k({
    label: 'Official position statement', cost: 0.2, lr: 1.1, signalKind: 'tiedHands', mode: 'broadcast', track: 1,
    languageLoad: 1, culturalLoad: 0.4, needsParity: 0, tensionCeiling: 1, stake: 0, ambition: 1,
    naval: false, rivalTension: 0, outcomes: { transparency: 0.6, symbolic: 0.4 },
  }),
  ceremonialHonours: k({
    label: 'Ceremonial honours for visitors', cost: 0.5, lr: 1.1, signalKind: 'cheapTalk', mode: 'bilateral', track: 1,
    languageLoad: 0.2, culturalLoad: 1, needsParity: 0, tensionCeiling: 0.9, stake: 0.01, ambition: 1,
    naval: false, rivalTension: 0, outcomes: { symbolic: 0.8, relationships: 0.4 },
  }),
  solidarityDisplay: k({
    label: 'Display of solidarity', cost: 0.5, lr: 1.2, signalKind: 'tiedHands', mode: 'bilateral', track: 1,
    languageLoad: 0.3, culturalLoad: 0.5, needsParity: 0, tensionCeiling: 0.8, stake: 0.05, ambition: 1,
    naval: false, rivalTension: 0.3, outcomes: { symbolic: 1, relationships: 0.5 },
  }),
  defenceIndustrial: k({
    label: 'Defence-industrial cooperation', cost: 5, lr: 2.2, signalKind: 'sunkCost', mode: 'bilateral', track: 1.5,
    languageLoad: 0.4, culturalLoad: 0.4, needsParity: 0.5, tensionCeiling: 0.4, stake: 0.45, ambition: 4,
    naval: false, rivalTension: 0.3, outcomes: { competence: 0.6, relationships: 0.6, constituency: 0.8, incentives: 0.4 },
  }),
  forumMeeting: k({
    label: 'Multilateral forum meeting', cost: 1, lr: 1.2, signalKind: 'tiedHands', mode: 'multilateral', track: 1,
    languageLoad: 0.9, culturalLoad: 0.6, needsParity: 0, tensionCeiling: 0.9, stake: 0.05, ambition: 2,
    naval: false, rivalTension: 0, outcomes: { tension: 0.5, transparency: 0.5, perceptions: 0.5, confidence: 0.4, relationships: 0.3 },
  }),
  multilateralExercise: k({
    label: 'Multilateral exercise', cost: 5, lr: 2, signalKind: 'sunkCost', mode: 'multilateral', track: 1,
    languageLoad: 0.4, culturalLoad: 0.4, needsParity: 0.6, tensionCeiling: 0.55, stake: 0.3, ambition: 3,
    naval: true, rivalTension: 0, outcomes: { confidence: 0.9, competence: 0.6, relationships: 0.6, symbolic: 0.5 },
  }),
  peacekeepingNetwork: k({
    label: 'Peacekeeping-centre network', cost: 1.5, lr: 1.4, signalKind: 'sunkCost', mode: 'multilateral', track: 1,
    languageLoad: 0.6, culturalLoad: 0.5, needsParity: 0.2, tensionCeiling: 0.7, stake: 0.1, ambition: 2,
    naval: false, rivalTension: 0, outcomes: { competence: 0.6, relationships: 0.5, transparency: 0.4 },
  }),
  track2Dialogue: k({
    label: 'Track-2 dialogue (officials in private capacity, academics)', cost: 0.5, lr: 1.1, signalKind: 'cheapTalk',
    mode: 'multilateral', track: 2, languageLoad: 0.9, culturalLoad: 0.5, needsParity: 0, tensionCeiling: 0.95,
    stake: 0.02, ambition: 1, naval: false, rivalTension: 0, outcomes: { perceptions: 0.6, transparency: 0.4, tension: 0.3 },
  }),
} satisfies Record<string, ActivitySpec>;

export type ActivityId = keyof typeof CATALOGUE;
export const ACTIVITY_IDS = Object.keys(CATALOGUE) as ActivityId[];

/**
 * What each kind is, in one line and in the essay's words where it has them: the README's
 * "Activity ids" table (a test keeps them the same) and the editors' completion list.
 */
export const ACTIVITY_MEANINGS: Readonly<Record<ActivityId, string>> = {
  officialContact: 'Contacts between officials: visits, calls and meetings of defence officials.',
  defenceAttache: 'The appointment of a defence attaché to the partner, a standing channel.',
  highLevelDialogue: 'A high-level dialogue of defence ministers or chiefs, a public commitment.',
  shipVisit: 'A ship visit: warships calling at the partner\'s ports.',
  combinedExercise: 'Combined exercising of two armed forces.',
  trainingExchange: 'Exchanges and training activities: courses, staff colleges, exchanges of personnel.',
  capacityBuilding: 'Capacity building for security-sector reform or other reasons: a more competent, accountable armed force.',
  armsTransfer: 'An arms transfer; not diplomatic where tensions are high, and it raises tension with the recipient\'s rivals.',
  materialAid: 'Provision of material equipment or other material aid.',
  humanitarianMission: 'A humanitarian and medical mission, such as disaster relief.',
  sportsVisit: 'A sports visit between armed forces (track 2).',
  whitePaper: 'Publication of a defence white paper, read by every state (broadcast).',
  professionalJournal: 'Publication of a professional journal, read by every state (broadcast, track 2).',
  positionStatement: 'Communicating official positions on issues, to every state (broadcast).',
  ceremonialHonours: 'Ceremonial activities to honour international visitors.',
  solidarityDisplay: 'A display of solidarity with a like-minded country.',
  defenceIndustrial: 'Cooperation in the defence-industrial sphere (track 1.5).',
  forumMeeting: 'A meeting of a multilateral forum (ADMM, ARF, WPNS ...), the default activity of forums.',
  multilateralExercise: 'A multilateral exercise of several armed forces (RIMPAC, Cobra Gold ...).',
  peacekeepingNetwork: 'A network of peacekeeping centres sharing training and doctrine.',
  track2Dialogue: 'A track-2 dialogue: officials in their private capacity and academics (CSCAP).',
};
