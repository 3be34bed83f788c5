// What the editor shows before a proposal is applied: the reachability diff (engine/diff) between the
// workspace and the workspace with the edit, on each destination's declared ports (and on the
// intent's port for every pair, when one was asked for). Groups made only of connections the intent
// asked for come first; every other group follows, so an exact proposal shows nothing after them.
import { connectionsOf, diffReachability } from '../diff';
import type { ChangeGroup, PortKey } from '../diff';
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
  const marked = groups.map((g) => ({
    ...g,
    intended: [...connectionsOf(g)].every((c) => intended.has(keyOf(c))),
  }));
  const first = marked.filter((g) => g.intended);
  const rest = marked.filter((g) => !g.intended);
  return { groups: [...first, ...rest], other: rest.reduce((n, g) => n + g.connections, 0), ports };
}

const keyOf = (c: Connection): string => connectionKey(c);
