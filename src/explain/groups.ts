/** Grouping a pair's contributions by what they were, and ranking the groups. */
import type { ContributionGroup } from './explanation.js';
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

/** The groups with their probability shares filled, largest first by absolute log-odds (by key on ties). */
export function rankGroups(groups: Map<string, ContributionGroup>, dL: number, toP: (c: number) => number): ContributionGroup[] {
  const ranked = [...groups.values()];
  for (const g of ranked) {
    g.probability = toP(g.logOdds);
    g.share = dL !== 0 ? g.logOdds / dL : null;
  }
  ranked.sort((x, y) => Math.abs(y.logOdds) - Math.abs(x.logOdds) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return ranked;
}
