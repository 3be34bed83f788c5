// What the editor shows before a proposal is applied: the reachability diff (engine/diff) between the
// workspace and the workspace with the edit, on each destination's declared ports (and on the
// intent's port for every pair, when one was asked for). Groups made only of connections the intent
// asked for come first; every other group follows, so an exact proposal shows nothing after them.
import { connectionsOf, diffReachability } from '../diff';
import type { ChangeGroup, PortKey } from '../diff';
import { censusOf, describePods } from '../diff/describe';
import type { PodCensus } from '../diff/describe';
import type { Pod } from '../model';
import { podKey } from '../model';
import type { Workspace } from '../workspace';
import { applied, connectionKey } from './proof';
import type { Connection, IntentPorts, Proposal } from './types';

export interface PreviewGroup extends ChangeGroup {
  /** Every connection of the group is one the intent asked to change. */
  intended: boolean;
}

export interface ProposalPreview {
  /** Intended groups first, then the others, each part in the diff's reading order. */
  groups: PreviewGroup[];
  /** Connections in groups that are not intended (0 for an exact allow or deny). */
  other: number;
  /** The ports compared. */
  ports: PortKey[];
}

export function previewOf(
  workspace: Workspace,
  proposal: Proposal,
  asked: IntentPorts = {},
): ProposalPreview {
  const before = workspace.topology();
  const after = applied(workspace, proposal.files).topology();
  const declared = diffReachability(before, after);
  const groups = [...declared.groups];
  const ports = [...declared.ports];
  if (asked.port !== undefined) {
    const port: PortKey = { port: asked.port, protocol: asked.protocol ?? 'TCP' };
    const onPort = diffReachability(before, after, port);
    const seen = new Set(groups.flatMap((g) => [...connectionsOf(g)].map(keyOf)));
    groups.push(...onPort.groups.filter((g) => [...connectionsOf(g)].some((c) => !seen.has(keyOf(c)))));
    if (!ports.some((p) => p.port === port.port && p.protocol === port.protocol)) ports.push(port);
  }
  const intended = new Set(proposal.proof.intended.map(connectionKey));
  const split = new Splitter(intended, after.pods);
  const marked = groups.flatMap((g) => split.group(g));
  const first = marked.filter((g) => g.intended);
  const rest = marked.filter((g) => !g.intended);
  return { groups: [...first, ...rest], other: rest.reduce((n, g) => n + g.connections, 0), ports };
}

/**
 * Splits a group the intent asked for only in part (an allow whose labels admit other pods too: the
 * diff puts the pods alike in one group) into the part asked for and the rest: by sources, then the
 * rest by destinations. What is still mixed stays one group, not intended.
 */
class Splitter {
  private readonly pods: Map<string, Pod>;
  private readonly census: PodCensus;

  constructor(
    private readonly intended: ReadonlySet<string>,
    pods: readonly Pod[],
  ) {
    this.pods = new Map(pods.map((p) => [podKey(p), p]));
    this.census = censusOf(pods);
  }

  group(g: ChangeGroup): PreviewGroup[] {
    const bySource = this.split(g, 'from') ?? [g];
    const pieces = bySource.flatMap((p) => (this.all(p) ? [p] : (this.split(p, 'to') ?? [p])));
    return pieces.map((p) => ({ ...p, intended: this.all(p) }));
  }

  private all(g: ChangeGroup): boolean {
    return [...connectionsOf(g)].every((c) => this.intended.has(keyOf(c)));
  }

  /** The group as its sources (or destinations) all asked for, then the others; undefined when either part is empty. */
  private split(g: ChangeGroup, side: 'from' | 'to'): ChangeGroup[] | undefined {
    const asked = g[side].filter((k) => this.all(this.narrowed(g, side, [k])));
    if (!asked.length || asked.length === g[side].length) return undefined;
    const others = g[side].filter((k) => !asked.includes(k));
    return [this.narrowed(g, side, asked), this.narrowed(g, side, others)];
  }

  private narrowed(g: ChangeGroup, side: 'from' | 'to', keys: readonly string[]): ChangeGroup {
    const from = side === 'from' ? keys : g.from;
    const to = side === 'to' ? keys : g.to;
    const label = (list: readonly string[]) =>
      describePods(
        list.flatMap((k) => this.pods.get(k) ?? []),
        this.census,
      );
    const inFrom = new Set(from);
    const selfPairs = to.filter((k) => inFrom.has(k)).length;
    return {
      ...g,
      from,
      to,
      fromLabel: side === 'from' ? label(from) : g.fromLabel,
      toLabel: side === 'to' ? label(to) : g.toLabel,
      connections: (from.length * to.length - selfPairs) * g.ports.length,
    };
  }
}

const keyOf = (c: Connection): string => connectionKey(c);
