// Why a connection changed, from the class-level verdicts of both revisions: for each direction that
// decides the change (one that denied before an addition, one that denies after a removal), the rule
// or the isolation responsible; and the same in words.
import type { ClassDirection } from '../equivalence/verdicts';
import { podKey } from '../model';
import type { Direction } from '../types';
import type { Cause, ChangeKind } from './types';

export interface Explained {
  ingress: ClassDirection;
  egress: ClassDirection;
}

const DIRECTIONS: readonly Direction[] = ['egress', 'ingress'];

const denies = (d: ClassDirection): boolean => d.isolating.length > 0 && d.allowedBy === undefined;
const names = (d: ClassDirection): string[] => d.isolating.map(podKey);

/** The causes of a change from `base` to `head` verdicts (the verdicts must differ as `change` says). */
export function causesOf(change: ChangeKind, base: Explained, head: Explained): Cause[] {
  const causes: Cause[] = [];
  for (const direction of DIRECTIONS) {
    const before = base[direction];
    const after = head[direction];
    if (change === 'added' && denies(before)) causes.push(addedCause(direction, before, after));
    if (change === 'removed' && denies(after)) causes.push(removedCause(direction, before, after));
  }
  return causes;
}

function addedCause(direction: Direction, before: ClassDirection, after: ClassDirection): Cause {
  const by = after.allowedBy;
  if (!by) return { direction, kind: 'no-longer-isolated', policies: names(before) };
  return { direction, kind: 'allowed-by', policy: podKey(by.policy), rule: by.ruleIndex + 1 };
}

function removedCause(direction: Direction, before: ClassDirection, after: ClassDirection): Cause {
  const by = before.allowedBy;
  if (!by) return { direction, kind: 'now-isolated', policies: names(after) };
  const rule = by.ruleIndex + 1;
  return { direction, kind: 'no-longer-allowed', policy: podKey(by.policy), rule, policies: names(after) };
}

/** `now allowed by data/db-access ingress rule 1; egress no longer isolated (was by shop/deny-all)`. */
export function causeText(causes: readonly Cause[]): string {
  return causes.map(sentence).join('; ');
}

/** At most three names, then how many more. */
function fewNames(list: readonly string[]): string {
  return list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
}

function sentence(c: Cause): string {
  switch (c.kind) {
    case 'allowed-by':
      return `now allowed by ${c.policy} ${c.direction} rule ${c.rule}`;
    case 'no-longer-isolated':
      return `${c.direction} no longer isolated (was by ${fewNames(c.policies)})`;
    case 'now-isolated':
      return `now isolated for ${c.direction} by ${fewNames(c.policies)}`;
    case 'no-longer-allowed':
      return `${c.policy} ${c.direction} rule ${c.rule} no longer allows it (isolated by ${fewNames(c.policies)})`;
  }
}
