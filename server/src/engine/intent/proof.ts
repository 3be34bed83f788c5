// The proof of a proposal: the workspace is analysed again with the edits applied, and reachability
// before and after is compared on every pair of pods, on every port some pod declares plus the
// intent's (for an intent on every port, a port of each span the policies tell apart): the
// connections the intent names must end as asked, and every other change is listed. Ports that every
// policy of both revisions treats alike are evaluated once (portClasses.ts).
import { applyEdits } from '../edits';
import type { Pod, Topology } from '../model';
import { podKey } from '../model';
import { findPod } from '../topology';
import { evaluateConnection } from '../reachability';
import type { Finding, Protocol } from '../types';
import { PROTOCOLS } from '../types';
import type { Workspace } from '../workspace';
import { reachabilityChanges } from './changes';
import { onEveryPort, portClasses } from './portClasses';
import type { PortOf } from './portClasses';
import type {
  Connection,
  ConnectionIntent,
  Endpoint,
  FileEdit,
  IntentPorts,
  Proof,
  ReachabilityChanges,
} from './types';

export interface Checked {
  after: Workspace;
  proof: Proof;
}

/** The workspace with the edits applied. */
export function applied(workspace: Workspace, files: readonly FileEdit[]): Workspace {
  return workspace.withFiles(
    files.map((f) => ({ path: f.file, text: applyEdits(workspace.summary(f.file)!.text, f.edits) })),
  );
}

export type { PortOf } from './portClasses';

/** Proves a connection intent: the connections it names must end allowed (allow) or denied (deny). */
export function proveConnection(
  workspace: Workspace,
  files: readonly FileEdit[],
  intent: ConnectionIntent,
): Checked {
  const outside: Outside[] = [];
  if (intent.from.kind === 'address') outside.push({ ip: intent.from.ip, as: 'from' });
  if (intent.to.kind === 'address') outside.push({ ip: intent.to.ip, as: 'to' });
  const t = workspace.topology();
  // The declared ports first (the connections people read about), then a port of every span of
  // every protocol, whatever port the intent names: a new policy that isolates the source also
  // selects its namespace's other pods, and on a pod already isolated its rules would open ports
  // no pod declares (containers may listen on undeclared ports).
  const declared = checkedPorts(t, intent);
  const known = new Set(declared.map((p) => `${p.protocol}/${p.port}`));
  const spans = intentPorts(t, {}).filter((p) => !known.has(`${p.protocol}/${p.port}`));
  const checked = [...declared, ...sorted(spans)];
  return prove(workspace, files, checked, connectionsOf(intent), intent.action === 'allow', outside);
}

/** An address outside the pods that an intent names, on the side it names it. */
export interface Outside {
  ip: string;
  as: 'from' | 'to';
}

/**
 * Proves an edit on the ports `checked`: `named` connections (evaluated in the topology given) must
 * end `allowed`, and every other change on those ports is listed.
 */
export function prove(
  workspace: Workspace,
  files: readonly FileEdit[],
  checked: readonly PortOf[],
  named: (t: Topology, checked: readonly PortOf[]) => Named[],
  allowed: boolean,
  outside: readonly Outside[] = [],
): Checked {
  const after = applied(workspace, files);
  const before = workspace.topology();
  const now = after.topology();
  const classes = portClasses([before, now], checked);
  const changes = changesOn(before, now, classes, checked, outside);
  const intended: Connection[] = [];
  const missed: Connection[] = [];
  const asked = new Set<string>();
  const verdict = verdictsByClass(classes);
  for (const n of named(now, checked)) {
    asked.add(connectionKey(n.connection));
    if (verdict(now, n.from, n.to, n.connection) !== allowed) missed.push(n.connection);
    else if (verdict(before, n.before.from, n.before.to, n.connection) !== allowed)
      intended.push(n.connection);
  }
  const other = {
    added: changes.added.filter((c) => !asked.has(connectionKey(c))),
    removed: changes.removed.filter((c) => !asked.has(connectionKey(c))),
  };
  return {
    after,
    proof: { intended, missed, other, checked: [...checked], errors: newErrors(workspace, after, files) },
  };
}

/**
 * Every change between two revisions on the ports checked (between pods, then between the pods and
 * each address): each class of ports alike is compared on its first port, and what changes there
 * changes on every port of the class.
 */
function changesOn(
  before: Topology,
  now: Topology,
  classes: ReadonlyMap<PortOf, readonly PortOf[]>,
  checked: readonly PortOf[],
  outside: readonly Outside[],
): ReachabilityChanges {
  const heads = [...classes.keys()];
  const betweenPods = reachabilityChanges(before, now, heads);
  const withAddresses: ReachabilityChanges = { added: [], removed: [] };
  for (const o of outside) addressChanges(withAddresses, before, now, o, heads);
  const all = (kind: keyof ReachabilityChanges) => [
    ...onEveryPort(betweenPods[kind], classes, checked),
    ...onEveryPort(withAddresses[kind], classes, checked),
  ];
  return { added: all('added'), removed: all('removed') };
}

/** Whether a topology allows a connection, evaluated once per pair and class of ports alike. */
function verdictsByClass(classes: ReadonlyMap<PortOf, readonly PortOf[]>) {
  const headOf = new Map<string, PortOf>();
  for (const [head, members] of classes) for (const m of members) headOf.set(`${m.protocol}/${m.port}`, head);
  const known = new Map<Topology, Map<string, boolean>>();
  return (t: Topology, from: Pod | string, to: Pod | string, p: PortOf): boolean => {
    const head = headOf.get(`${p.protocol}/${p.port}`) ?? p;
    const key = `${labelOf(from)} ${labelOf(to)} ${head.protocol}/${head.port}`;
    let byKey = known.get(t);
    if (!byKey) known.set(t, (byKey = new Map()));
    let allowed = byKey.get(key);
    if (allowed === undefined)
      byKey.set(key, (allowed = evaluateConnection(t, from, to, head.port, head.protocol).allowed));
    return allowed;
  };
}

/** Connections between an address and every pod that change (the pods' matrix does not hold them). */
function addressChanges(
  changes: ReachabilityChanges,
  before: Topology,
  now: Topology,
  o: Outside,
  checked: readonly PortOf[],
): void {
  for (const pod of before.pods) {
    const later = inTopology(now, pod);
    if (typeof later === 'string') continue;
    for (const { port, protocol } of checked) {
      const [a, b] = o.as === 'from' ? [o.ip, pod] : [pod, o.ip];
      const [c, d] = o.as === 'from' ? [o.ip, later] : [later, o.ip];
      const was = evaluateConnection(before, a, b, port, protocol).allowed;
      if (evaluateConnection(now, c, d, port, protocol).allowed === was) continue;
      const connection = { from: labelOf(a), to: labelOf(b), port, protocol };
      (was ? changes.removed : changes.added).push(connection);
    }
  }
}

/** A connection the intent names, with its ends in the edited topology and in the original one. */
export interface Named {
  connection: Connection;
  from: Pod | string;
  to: Pod | string;
  before: { from: Pod | string; to: Pod | string };
}

/** Every pair of the intent's two sides (a pod to itself left out), on each checked port the intent covers. */
export function connectionsOf(intent: ConnectionIntent) {
  return (now: Topology, checked: readonly PortOf[]): Named[] => {
    const ports = checked.filter((p) => covers(intent, p));
    const out: Named[] = [];
    for (const from of endsOf(intent.from))
      for (const to of endsOf(intent.to)) {
        if (from === to) continue;
        for (const p of ports) {
          const connection = { from: labelOf(from), to: labelOf(to), port: p.port, protocol: p.protocol };
          out.push({
            connection,
            from: inTopology(now, from),
            to: inTopology(now, to),
            before: { from, to },
          });
        }
      }
    return out;
  };
}

/** Whether the intent is about a port. */
export function covers(intent: IntentPorts, p: PortOf): boolean {
  return (
    (intent.port === undefined || intent.port === p.port) &&
    (intent.protocol === undefined || intent.protocol === p.protocol)
  );
}

function endsOf(e: Endpoint): (Pod | string)[] {
  return e.kind === 'pods' ? [...e.pods] : [e.ip];
}

const labelOf = (e: Pod | string): string => (typeof e === 'string' ? e : podKey(e));

function inTopology(t: Topology, e: Pod | string): Pod | string {
  if (typeof e === 'string') return e;
  return t.pods.find((p) => p.namespace === e.namespace && p.name === e.name) ?? e.ip;
}

export const connectionKey = (c: Connection): string => `${c.from} ${c.to} ${c.protocol}/${c.port}`;

/** Every port a pod declares, and the intent's own port. */
export function checkedPorts(t: Topology, ports: IntentPorts): PortOf[] {
  const seen = new Map<string, PortOf>();
  const add = (port: number, protocol: Protocol) => seen.set(`${protocol}/${port}`, { port, protocol });
  for (const pod of t.pods) for (const c of pod.ports) add(c.containerPort, c.protocol);
  if (ports.port !== undefined) add(ports.port, ports.protocol ?? 'TCP');
  return sorted([...seen.values()]);
}

const sorted = (ports: PortOf[]): PortOf[] =>
  ports.sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.port - b.port));

/**
 * The ports an intent's connections are evaluated on to decide the edit: its port, or for an intent
 * on every port, each port some pod declares plus, for each protocol asked, a port of every span
 * the policies' port entries tell apart (each range's ends and the ports beside them, 1 and 65535),
 * so that a rule allowing (or a gap blocking) only ports no pod declares is seen too.
 */
export function intentPorts(t: Topology, intent: IntentPorts): PortOf[] {
  const ports = checkedPorts(t, intent).filter((p) => covers(intent, p));
  if (intent.port !== undefined) return ports;
  const seen = new Map(ports.map((p) => [`${p.protocol}/${p.port}`, p]));
  const add = (port: number, protocol: Protocol) => {
    if (port >= 1 && port <= 65535 && covers(intent, { port, protocol }))
      seen.set(`${protocol}/${port}`, { port, protocol });
  };
  for (const protocol of PROTOCOLS) [1, 65535].forEach((port) => add(port, protocol));
  for (const policy of t.policies)
    for (const rule of [...policy.ingress, ...policy.egress])
      for (const p of rule.ports ?? []) {
        if (typeof p.port !== 'number') continue;
        const end = p.endPort ?? p.port;
        for (const port of [p.port - 1, p.port, end, end + 1]) add(port, p.protocol);
      }
  return [...seen.values()];
}

/** Whether the destination of a connection declares its port (a connection that matters). */
export function serves(t: Topology, c: Connection): boolean {
  const pod = findPod(t, c.to).pod;
  return pod?.ports.some((p) => p.containerPort === c.port && p.protocol === c.protocol) ?? false;
}

/** Errors of the edited files that were not there before (compared by code and message). */
function newErrors(before: Workspace, after: Workspace, files: readonly FileEdit[]): Finding[] {
  const out: Finding[] = [];
  for (const { file } of files) {
    const known = new Set(
      before
        .findings(file)
        .filter(isError)
        .map((f) => `${f.code} ${f.message}`),
    );
    out.push(...after.findings(file).filter((f) => isError(f) && !known.has(`${f.code} ${f.message}`)));
  }
  return out;
}

const isError = (f: Finding) => f.severity === 'error';
