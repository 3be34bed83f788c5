// The reachability changes between two revisions of a workspace (DESIGN.md "Reachability changes"),
// as plain data: groups of connections that change together, each with its reason.
import type { Direction, Protocol } from '../types';

export type ChangeKind = 'added' | 'removed';

/**
 * Why one direction's verdict changed. For an added connection: the rule that now allows it, or the
 * enforcing pod is no longer isolated. For a removed one: the pod is now isolated, or the rule that
 * allowed it no longer does. Rules are numbered from 1, as people count them.
 */
export type Cause =
  | { direction: Direction; kind: 'allowed-by'; policy: string; rule: number }
  | { direction: Direction; kind: 'no-longer-isolated'; policies: string[] }
  | { direction: Direction; kind: 'now-isolated'; policies: string[] }
  | { direction: Direction; kind: 'no-longer-allowed'; policy: string; rule: number; policies: string[] };

export interface PortKey {
  protocol: Protocol;
  port: number;
}

/**
 * Every source of `from` to every destination of `to` (a pod to itself aside), on each of `ports`,
 * changed the same way for the same causes.
 */
export interface ChangeGroup {
  change: ChangeKind;
  /** Pod keys `ns/name`, sorted. */
  from: readonly string[];
  to: readonly string[];
  /** `3 pods of deploy/shop/web`, `data/db-0`, `2 pods app=db in data`. */
  fromLabel: string;
  toLabel: string;
  ports: readonly PortKey[];
  causes: readonly Cause[];
  /** The causes in words: `now allowed by data/db-access ingress rule 1`. */
  reason: string;
  /** Connections in the group: pairs (without self pairs) times ports. */
  connections: number;
}

export interface ReachabilityDiff {
  /** Added groups first, then removed; each part ordered by size, then by text. */
  groups: ChangeGroup[];
  added: number;
  removed: number;
  unchanged: number;
  /** Pods present in one revision only (not counted as connection changes). */
  pods: { added: string[]; removed: string[] };
  /** The ports compared: every container port declared by a destination, or the one asked for. */
  ports: PortKey[];
}

export interface DiffOptions {
  /** Compare every pair on this port (with `protocol`, default TCP) instead of the declared ports. */
  port?: number;
  protocol?: Protocol;
}
