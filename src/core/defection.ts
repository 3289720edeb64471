/**
 * Defection on a core national interest (MODEL 7; essay, "Challenges to and Limits on the
 * Concept": "a state decides that the group interest hurts what it considers to be a core
 * national interest"). Member i defects when salience * conflict > commitment, commitment
 * growing with its operative trust in and habit with the group and the group's closeness, shrinking with
 * its sovereignty weight and with the share of members already defected (a threshold cascade,
 * Granovetter 1978). Observers take the defection as strong negative evidence, softened by the
 * defector's transparency and the group's closeness.
 */
import { C } from '../world/state.js';
import { EVENT_KIND_INDEX as Kind } from './events.js';
import { addEvidence, addTension, cutHabit, habitNow, operativeTrust, type Ctx } from './pair.js';
import { breakTiedHands } from './stance.js';

export function coreInterestIssue(c: Ctx, group: number, issue: number, decision: number): void {
  const { w, s, p, n, t } = c;
  const g = w.groups[group];
  const m = g.members.length;
  const issues = w.issueIds.length;
  // Commitment before any cascade, from the state at the moment of decision.
  const commitment = s.scratch2; // indexed by state
  const pressure = s.scratch; // salience * conflict, indexed by state
  for (const i of g.members) {
    let trust = 0, habit = 0;
    for (const j of g.members) {
      if (j === i) continue;
      trust += operativeTrust(c, i * n + j); // commitment rests on operative trust (MODEL 6)
      habit += habitNow(c, i * n + j);
    }
    const base = p.commitBase + p.commitTrust * trust / (m - 1) + p.commitHabit * habit / (m - 1) + p.commitCloseness * g.closeness;
    commitment[i] = base * (1 - w.sovereignty[i]);
    const conflict = Math.abs(w.stance[i * issues + issue] - decision) / 2;
    pressure[i] = w.salience[i * issues + issue] * conflict;
    s.defected[i] = 0;
  }
  // Threshold cascade: iterate until no one else defects.
  let defectors = 0;
  for (let changed = true; changed;) {
    changed = false;
    const share = defectors / (m - 1);
    for (const i of g.members) {
      // Only a member whose core interest the decision hurts can defect (pressure > 0).
      if (s.defected[i] === 0 && pressure[i] > 0 && pressure[i] > commitment[i] - p.cascadeWeight * share) {
        s.defected[i] = 1;
        defectors++;
        changed = true;
      }
    }
  }
  if (defectors === 0) return;
  const soften = (d: number) => (1 - p.transparencySoftening * w.transparency[d]) * (1 - p.closenessSoftening * g.closeness);
  for (const d of g.members) {
    if (s.defected[d] === 0) continue;
    s.counters[C.defections]++;
    s.defections[d]++;
    if (s.log !== null) s.log.push(t, Kind.defection, d, group, -1, -1, -1, 0, 0, 0, pressure[d]);
    const dL = Math.log(p.defectionLR) * soften(d);
    for (const o of g.members) {
      if (o === d) continue;
      addEvidence(c, o, d, dL, Kind.defection, d, group, -1, 0);
      addTension(c, o, d, p.defectionTension);
      // A betrayal cuts the observer's habit with the defector (MODEL 6) and breaks the
      // tied-hands signals the defector sent it (MODEL 6c).
      cutHabit(c, o * n + d, p.habitShock);
      breakTiedHands(c, d, o);
    }
  }
}
