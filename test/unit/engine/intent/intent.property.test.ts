// Property: on random worlds and random intents, a proposal changes exactly what it says. Checked
// here independently of the engine's own proof: the edits are applied to the text, the workspace is
// built again, and every pair of pods is evaluated before and after on every port and protocol the
// generator uses. An allow or deny ends its connections as asked; nothing else changes, except, for an
// allow, connections of the pods the proposal names as also selected (which carry the labels chosen);
// the edited file has no error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyEdits } from '../../../../server/src/engine/edits';
import type { ConnectionIntent, Endpoint, IntentResult } from '../../../../server/src/engine/intent';
import { proposeConnection, proposeIsolation, resolveEndpoint } from '../../../../server/src/engine/intent';
import type { Labels, Pod, Topology } from '../../../../server/src/engine/model';
import { podKey } from '../../../../server/src/engine/model';
import { evaluateConnection, isolatingPolicies } from '../../../../server/src/engine/reachability';
import type { Direction, Protocol } from '../../../../server/src/engine/types';
import { Workspace } from '../../../../server/src/engine/workspace';
import { PORTS, clusterArbitrary } from '../../../helpers/clusterGen';
import { intentRuns } from './workspaces';
import type { ClusterSpec } from '../../../helpers/clusterGen';

const ADDRESSES = ['203.0.113.9', '192.168.7.7'];
const PROTOCOLS: Protocol[] = ['TCP', 'UDP'];

function workspaceOf(spec: ClusterSpec): Workspace {
  const docs = [...spec.namespaces, ...spec.pods, ...spec.policies];
  const ws = new Workspace();
  ws.setFile({ path: 'cluster.yaml', text: docs.map((d) => JSON.stringify(d)).join('\n---\n') + '\n' });
  return ws;
}

const intentArbitrary = fc.record({
  action: fc.constantFrom<'allow' | 'deny'>('allow', 'deny'),
  from: fc.nat(),
  to: fc.nat(),
  address: fc.constantFrom<'none' | 'from' | 'to'>('none', 'none', 'none', 'from', 'to'),
  port: fc.option(fc.constantFrom(...PORTS), { nil: undefined }),
  protocol: fc.option(fc.constantFrom(...PROTOCOLS), { nil: undefined }),
  /** Ask the opposite when the connection already is as asked (so most runs make a proposal). */
  flip: fc.boolean(),
});

type Drawn = typeof intentArbitrary extends fc.Arbitrary<infer T> ? T : never;

function intentOf(ws: Workspace, d: Drawn): ConnectionIntent | undefined {
  const pods = ws.topology().pods;
  if (pods.length < 2) return undefined;
  const pick = (i: number, address: boolean): Endpoint => {
    const e = resolveEndpoint(
      ws,
      address ? ADDRESSES[i % ADDRESSES.length]! : podKey(pods[i % pods.length]!),
    );
    assert.ok(typeof e !== 'string', String(e));
    return e;
  };
  const to = (d.from + 1 + (d.to % (pods.length - 1))) % pods.length;
  const intent: ConnectionIntent = {
    action: d.action,
    from: pick(d.from, d.address === 'from'),
    to: pick(to, d.address === 'to'),
  };
  if (d.port !== undefined) intent.port = d.port;
  if (d.protocol !== undefined) intent.protocol = d.protocol;
  return intent;
}

const ends = (e: Endpoint): (Pod | string)[] => (e.kind === 'pods' ? [...e.pods] : [e.ip]);
const keyOf = (e: Pod | string) => (typeof e === 'string' ? e : podKey(e));

function covers(intent: ConnectionIntent, port: number, protocol: Protocol): boolean {
  return (
    (intent.port === undefined || intent.port === port) &&
    (intent.protocol ?? (intent.port === undefined ? undefined : 'TCP') ?? protocol) === protocol
  );
}

const hasAll = (labels: Labels, wanted: Labels) => Object.entries(wanted).every(([k, v]) => labels[k] === v);

/** Every change between the two topologies (pods, and the addresses given), as `from to protocol/port`. */
function changes(before: Topology, after: Topology, extra: readonly string[]): string[] {
  const out: string[] = [];
  const sides: (Pod | string)[] = [...before.pods, ...extra];
  for (const a of sides)
    for (const b of sides) {
      if (a === b || (typeof a === 'string' && typeof b === 'string')) continue;
      for (const port of PORTS)
        for (const protocol of PROTOCOLS) {
          const now = (e: Pod | string) =>
            typeof e === 'string' ? e : after.pods.find((p) => podKey(p) === podKey(e))!;
          const was = evaluateConnection(before, a, b, port, protocol).allowed;
          if (evaluateConnection(after, now(a), now(b), port, protocol).allowed !== was)
            out.push(`${keyOf(a)} ${keyOf(b)} ${protocol}/${port}`);
        }
    }
  return out;
}

function check(
  ws: Workspace,
  intent: ConnectionIntent,
  result: IntentResult,
  tally: Record<string, number>,
): void {
  if (!result.ok) {
    tally[`${intent.action} impossible`] = (tally[`${intent.action} impossible`] ?? 0) + 1;
    if (process.env['INTENT_REASONS']) console.log(intent.action, result.reason);
    assert.ok(result.reason.length > 0 && !result.reason.includes('\n'));
    if (intent.action === 'allow') assert.match(result.reason, /already allowed|reach itself/);
    return;
  }
  tally[intent.action] = (tally[intent.action] ?? 0) + 1;
  const p = result.proposal;
  const text = applyEdits(
    ws.summary('cluster.yaml')!.text,
    p.files.find((f) => f.file === 'cluster.yaml')?.edits ?? [],
  );
  const after = new Workspace();
  after.setFile({ path: 'cluster.yaml', text });
  assert.deepEqual(
    after.findings('cluster.yaml').filter((f) => f.severity === 'error'),
    [],
  );
  const before = ws.topology();
  const now = after.topology();
  const asked = new Set<string>();
  for (const a of ends(intent.from))
    for (const b of ends(intent.to)) {
      if (a === b) continue;
      for (const port of PORTS)
        for (const protocol of PROTOCOLS) {
          if (!covers(intent, port, protocol)) continue;
          asked.add(`${keyOf(a)} ${keyOf(b)} ${protocol}/${port}`);
          const at = (e: Pod | string) =>
            typeof e === 'string' ? e : now.pods.find((q) => podKey(q) === podKey(e))!;
          assert.equal(
            evaluateConnection(now, at(a), at(b), port, protocol).allowed,
            intent.action === 'allow',
            `${keyOf(a)} → ${keyOf(b)} ${protocol}/${port}`,
          );
        }
    }
  const addresses = [...ends(intent.from), ...ends(intent.to)].filter(
    (e): e is string => typeof e === 'string',
  );
  const other = changes(before, now, addresses).filter((c) => !asked.has(c));
  if (intent.action === 'deny') return assert.deepEqual(other, []);
  const widened = new Set(p.widened);
  for (const c of other) {
    const [from, to] = c.split(' ');
    assert.ok(widened.has(from!) || widened.has(to!), `${c} changed but the proposal names neither pod`);
  }
  const chosen = [intent.from, intent.to].flatMap((e) => (e.kind === 'pods' ? [e.pods[0]!.labels] : []));
  for (const key of widened) {
    const pod = before.pods.find((q) => podKey(q) === key)!;
    assert.ok(
      chosen.some((labels) => hasAll(pod.labels, labels)),
      `${key} is named as also selected but lacks the labels chosen`,
    );
  }
}

void test('a proposal changes exactly the connections it names, and the edited YAML validates', () => {
  const tally: Record<string, number> = {};
  fc.assert(
    fc.property(
      clusterArbitrary({ namespaces: 3, pods: 7, policies: 8 }),
      intentArbitrary,
      ({ spec }, drawn) => {
        const ws = workspaceOf(spec);
        const intent = intentOf(ws, drawn);
        if (!intent) return;
        let result = proposeConnection(ws, intent);
        if (!result.ok && drawn.flip && /is already/.test(result.reason)) {
          intent.action = intent.action === 'allow' ? 'deny' : 'allow';
          result = proposeConnection(ws, intent);
        }
        check(ws, intent, result, tally);
      },
    ),
    intentRuns(200),
  );
  // The property means something only if both kinds of proposal are made often.
  assert.ok((tally['allow'] ?? 0) >= 20, JSON.stringify(tally));
  assert.ok((tally['deny'] ?? 0) >= 20, JSON.stringify(tally));
});

void test('isolating a namespace isolates each of its pods, opens nothing, and lists exactly what it cuts', () => {
  fc.assert(
    fc.property(
      clusterArbitrary({ namespaces: 3, pods: 7, policies: 6 }),
      fc.nat(),
      fc.constantFrom<Direction[]>(['ingress'], ['egress'], ['ingress', 'egress']),
      ({ spec }, n, directions) => {
        const ws = workspaceOf(spec);
        const namespace = `ns${n % spec.namespaces.length}`;
        const r = proposeIsolation(ws, { namespace, directions });
        if (!r.ok) return assert.match(r.reason, /has no pods|already isolated/);
        const text = applyEdits(ws.summary('cluster.yaml')!.text, r.proposal.files[0]!.edits);
        const after = new Workspace();
        after.setFile({ path: 'cluster.yaml', text });
        assert.deepEqual(
          after.findings('cluster.yaml').filter((f) => f.severity === 'error'),
          [],
        );
        const now = after.topology();
        for (const pod of now.pods.filter((p) => p.namespace === namespace))
          for (const d of directions) assert.ok(isolatingPolicies(now, pod, d).length > 0);
        const seen = changes(ws.topology(), now, []);
        const cut = r.proposal.cut
          .filter((c) => PORTS.includes(c.port))
          .map((c) => `${c.from} ${c.to} ${c.protocol}/${c.port}`);
        assert.deepEqual(
          new Set(seen.filter((c) => declared(ws.topology(), c))),
          new Set(cut.filter((c) => declared(ws.topology(), c))),
        );
        for (const c of seen) {
          const [from, to] = c.split(' ');
          assert.ok(from!.startsWith(`${namespace}/`) || to!.startsWith(`${namespace}/`), c);
        }
      },
    ),
    intentRuns(60),
  );
});

/** Whether the connection `from to protocol/port` is on a port its destination declares (what an isolation lists as cut). */
function declared(t: Topology, c: string): boolean {
  const [, to, service] = c.split(' ');
  const [protocol, port] = service!.split('/');
  const pod = t.pods.find((p) => podKey(p) === to);
  return pod?.ports.some((q) => q.protocol === protocol && q.containerPort === Number(port)) ?? false;
}
