// Why a connection changed, from the class-level verdicts of both revisions: for each direction that
// decides the change (one that denied before an addition, one that denies after a removal), the rule
// or the isolation responsible; and the same in words.
import type { ClassVerdicts } from '../equivalence/verdicts';
import type { NetworkPolicy } from '../model';
import { podKey } from '../model';
import type { Direction } from '../types';
import type { Cause, ChangeKind } from './types';

const DIRECTIONS: readonly Direction[] = ['egress', 'ingress'];

const names = (policies: readonly NetworkPolicy[]): string[] => policies.map(podKey);

/** A change's causes, shared by every group with the same causes; `id` only names the entry. */
export interface CauseEntry {
  id: number;
  causes: Cause[];
}

/**
 * The causes of the changes, built without evaluating a pair twice: per direction, a cause that
 * depends on the enforcing class alone (isolation gained or lost) is built once per class, one that
 * names a rule once per rule; equal causes share one id, and a change's causes one entry. Groups
 * keep the entry, not a copy: a diff of millions of connections holds one cause list per reason.
 */
export class CauseBook {
  private readonly ids = new Map<string, number>();
  private readonly byId: Cause[] = [];
  private readonly entries = new Map<number, CauseEntry>();
  private readonly identities = new Map<object, number>();

  /** The causes of one port's changes, from its two sides' class verdicts. */
  forPort(base: ClassVerdicts, head: ClassVerdicts): PortCauses {
    return new PortCauses(this, base, head);
  }

  /** The id of a direction's cause (equal causes, equal ids). */
  idOf(cause: Cause): number {
    const text = JSON.stringify(cause);
    let id = this.ids.get(text);
    if (id === undefined) {
      this.ids.set(text, (id = this.byId.length));
      this.byId.push(cause);
    }
    return id;
  }

  /** The entry of a change whose egress and ingress causes are these ids (-1: not a cause). */
  entry(egress: number, ingress: number): CauseEntry {
    const key = (egress + 1) * 0x4000000 + ingress + 1;
    let entry = this.entries.get(key);
    if (!entry) {
      const causes = [egress, ingress].filter((id) => id >= 0).map((id) => this.byId[id]!);
      this.entries.set(key, (entry = { id: this.entries.size, causes }));
    }
    return entry;
  }

  /** A small number per object (policies), for cache keys. */
  identity(o: object): number {
    let id = this.identities.get(o);
    if (id === undefined) this.identities.set(o, (id = this.identities.size));
    return id;
  }
}

/** Classes of a changed pair on one port: source and destination, in the base and in the head. */
export interface ChangedPair {
  srcBase: number;
  dstBase: number;
  srcHead: number;
  dstHead: number;
}

export class PortCauses {
  /** Ids of causes that depend on one class: key `class * 4 + slot` (slot: change and direction). */
  private readonly byClass = new Map<number, number>();
  /** Ids of causes that name a rule: by policy, rule, direction (and isolating class, for removals). */
  private readonly byRule = new Map<string, number>();

  constructor(
    private readonly book: CauseBook,
    private readonly base: ClassVerdicts,
    private readonly head: ClassVerdicts,
  ) {}

  /** The causes of a change (the pair's verdicts must differ as `change` says). */
  entry(change: ChangeKind, pair: ChangedPair): CauseEntry {
    const added = change === 'added';
    // The directions that decide: those that denied before an addition, or deny after a removal.
    const [v, src, dst] = added
      ? [this.base, pair.srcBase, pair.dstBase]
      : [this.head, pair.srcHead, pair.dstHead];
    const [egress, ingress] = DIRECTIONS.map((d) =>
      denies(v, d, src, dst) ? this.directionCause(change, d, pair) : -1,
    );
    return this.book.entry(egress!, ingress!);
  }

  private directionCause(change: ChangeKind, d: Direction, pair: ChangedPair): number {
    const ingress = d === 'ingress';
    const baseClass = ingress ? pair.dstBase : pair.srcBase;
    const headClass = ingress ? pair.dstHead : pair.srcHead;
    const slot = (change === 'added' ? 0 : 2) + (ingress ? 1 : 0);
    if (change === 'added' && !this.head.isolating(d, headClass).length)
      return this.once(baseClass * 4 + slot, () => ({
        direction: d,
        kind: 'no-longer-isolated',
        policies: names(this.base.isolating(d, baseClass)),
      }));
    if (change === 'removed' && !this.base.isolating(d, baseClass).length)
      return this.once(headClass * 4 + slot, () => ({
        direction: d,
        kind: 'now-isolated',
        policies: names(this.head.isolating(d, headClass)),
      }));
    return this.ruleCause(change, d, pair, headClass);
  }

  /** The rule that now allows it (added), or that allowed it before and no longer does (removed). */
  private ruleCause(change: ChangeKind, d: Direction, pair: ChangedPair, headClass: number): number {
    const added = change === 'added';
    const explained = added
      ? this.head.explain(pair.srcHead, pair.dstHead)
      : this.base.explain(pair.srcBase, pair.dstBase);
    const by = explained[d].allowedBy!;
    const rule = by.ruleIndex + 1;
    const key = `${this.book.identity(by.policy)}.${rule}.${d}${added ? '' : `.${headClass}`}`;
    let id = this.byRule.get(key);
    if (id === undefined) {
      const policy = podKey(by.policy);
      const cause: Cause = added
        ? { direction: d, kind: 'allowed-by', policy, rule }
        : {
            direction: d,
            kind: 'no-longer-allowed',
            policy,
            rule,
            policies: names(this.head.isolating(d, headClass)),
          };
      this.byRule.set(key, (id = this.book.idOf(cause)));
    }
    return id;
  }

  private once(key: number, cause: () => Cause): number {
    let id = this.byClass.get(key);
    if (id === undefined) this.byClass.set(key, (id = this.book.idOf(cause())));
    return id;
  }
}

/** The direction isolates the enforcing class and no rule of it admits the pair. */
function denies(v: ClassVerdicts, d: Direction, src: number, dst: number): boolean {
  if (!v.isolating(d, d === 'ingress' ? dst : src).length) return false;
  return !(d === 'ingress' ? v.ingressAllows(src, dst) : v.egressAllows(src, dst));
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
