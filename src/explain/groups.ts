/** Grouping a pair's contributions by what they were, and ranking the groups. */
import type { ContributionGroup, SmallerContributions } from './explanation.js';
import type { RowOutcome, TrustRow } from './run.js';

/**
 * The group a row belongs to (its label is filled in by `describe`): activities by forum (or
 * activity kind, for bilateral ones) and by what became of them, tests by outcome, defections
 * by group; symbolic positioning, reputation, incidents and leadership changes each as one.
 */
export function groupOf(row: TrustRow): Pick<ContributionGroup, 'key' | 'kind' | 'activity' | 'forum' | 'group' | 'outcome'> {
  const base = { kind: row.kind, activity: null as string | null, forum: null as string | null, group: null as string | null, outcome: null as RowOutcome | null };
  switch (row.kind) {
    case 'activity':
      return { ...base, key: `activity|${row.forum ?? ''}|${row.activity ?? ''}|${row.outcome ?? ''}`, activity: row.activity, forum: row.forum, outcome: row.outcome };

    case 'test':
      return { ...base, key: `test|${row.outcome ?? ''}`, outcome: row.outcome };
    case 'defection':
      return { ...base, key: `defection|${row.group ?? ''}`, group: row.group };
    default:
      return { ...base, key: row.kind };
  }
}

/**
 * The groups with their shares filled, largest first by absolute change in trust (by key on
 * ties), and the movement shares are of: the sum of the groups' absolute changes, so that the
 * absolute shares add up to 1 and none is above 100%.
 */
export function rankGroups(groups: Map<string, ContributionGroup>): { ranked: ContributionGroup[]; movement: number } {
  const ranked = [...groups.values()];
  const movement = ranked.reduce((s, g) => s + Math.abs(g.probability), 0);
  for (const g of ranked) g.share = movement > 0 ? g.probability / movement : null;
  ranked.sort((x, y) => Math.abs(y.probability) - Math.abs(x.probability) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { ranked, movement };
}

/** The groups after the first `top`, gathered; null when there are none. */
export function smallerThan(ranked: readonly ContributionGroup[], top: number, movement: number): SmallerContributions | null {
  const rest = ranked.slice(top);
  if (rest.length === 0) return null;
  const probability = rest.reduce((s, g) => s + g.probability, 0);
  return {
    groups: rest.length,
    events: rest.reduce((s, g) => s + g.count, 0),
    probability,
    logOdds: rest.reduce((s, g) => s + g.logOdds, 0),
    share: movement > 0 ? probability / movement : null,
  };
}
