// Property: selectors and labels written in YAML with values left out (`role:`, `~`, `null`, a bare
// `-` in `values`), quoted empty strings or plain values select exactly what kubectl's objects select.
// The engine reads the YAML (parse, validation, topology, matrix); the reference below works on the
// values as written, converted the way kubectl converts them: a null is the empty string.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { computeMatrix } from '../../../server/src/engine/matrix';
import { Workspace } from '../../../server/src/engine/workspace';

const KEYS = ['app', 'role', 'tier'];
const VALUES = ['a', 'b', ''];
const NAMESPACES = ['ns1', 'ns2'];

/** How a value is written: '' may be left out (null) or quoted; others are plain. */
const EMPTY_AS_MAP_VALUE = ['', ' ~', ' null', ' ""', " ''"];
const EMPTY_AS_ITEM = ['-', '- ~', '- null', '- ""'];

interface Written {
  value: string;
  /** Index into the spellings of '' (ignored for other values). */
  form: number;
}
type Labels = Record<string, Written>;
interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: Written[];
}
interface Selector {
  matchLabels: Labels;
  /** `matchLabels:` written with no entries (null) when there are none. */
  nullMatchLabels: boolean;
  matchExpressions: Requirement[];
}
interface Pod {
  namespace: string;
  labels: Labels;
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
}
interface Case {
  namespaces: Labels[];
  pods: Pod[];
  target: Selector;
  peers: Peer[];
}

const written = fc.record({ value: fc.constantFrom(...VALUES), form: fc.nat(4) });
const labelsArb: fc.Arbitrary<Labels> = fc.dictionary(fc.constantFrom(...KEYS), written, { maxKeys: 3 });
const requirementArb: fc.Arbitrary<Requirement> = fc.oneof(
  fc.record({
    key: fc.constantFrom(...KEYS),
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.array(written, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    key: fc.constantFrom(...KEYS),
    operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const),
    values: fc.constant<Written[]>([]),
  }),
);
const selectorArb: fc.Arbitrary<Selector> = fc.record({
  matchLabels: labelsArb,
  nullMatchLabels: fc.boolean(),
  matchExpressions: fc.array(requirementArb, { maxLength: 2 }),
});
const peerArb: fc.Arbitrary<Peer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
);
const caseArb: fc.Arbitrary<Case> = fc.record({
  namespaces: fc.tuple(labelsArb, labelsArb),
  pods: fc.array(fc.record({ namespace: fc.constantFrom(...NAMESPACES), labels: labelsArb }), {
    minLength: 1,
    maxLength: 6,
  }),
  target: selectorArb,
  peers: fc.array(peerArb, { minLength: 1, maxLength: 2 }),
});

// ---- YAML as a user would write it ----

const mapValue = (w: Written): string => (w.value === '' ? EMPTY_AS_MAP_VALUE[w.form]! : ` ${w.value}`);
const item = (w: Written): string =>
  w.value === '' ? EMPTY_AS_ITEM[w.form % EMPTY_AS_ITEM.length]! : `- ${w.value}`;
const pad = (n: number) => ' '.repeat(n);

function labelLines(labels: Labels, indent: number): string[] {
  return Object.entries(labels).map(([k, w]) => `${pad(indent)}${k}:${mapValue(w)}`);
}

function selectorLines(s: Selector, indent: number): string[] {
  const out: string[] = [];
  const labels = labelLines(s.matchLabels, indent + 2);
  if (labels.length) out.push(`${pad(indent)}matchLabels:`, ...labels);
  else if (s.nullMatchLabels) out.push(`${pad(indent)}matchLabels:`);
  if (s.matchExpressions.length) out.push(`${pad(indent)}matchExpressions:`);
  for (const r of s.matchExpressions) {
    out.push(`${pad(indent)}- key: ${r.key}`, `${pad(indent)}  operator: ${r.operator}`);
    if (r.values.length)
      out.push(`${pad(indent)}  values:`, ...r.values.map((v) => `${pad(indent + 2)}${item(v)}`));
  }
  return out;
}

/** `name:` then the selector's lines, or `name: {}` when it has none. */
function selectorField(name: string, s: Selector, indent: number): string[] {
  const lines = selectorLines(s, indent + 2);
  return lines.length ? [`${pad(indent)}${name}:`, ...lines] : [`${pad(indent)}${name}: {}`];
}

function metadata(name: string, namespace: string | undefined, labels: Labels): string[] {
  const lines = ['metadata:', `  name: ${name}`];
  if (namespace) lines.push(`  namespace: ${namespace}`);
  const l = labelLines(labels, 4);
  return l.length ? [...lines, '  labels:', ...l] : lines;
}

function yamlOf(c: Case): string {
  const docs: string[][] = [];
  c.namespaces.forEach((labels, i) =>
    docs.push(['apiVersion: v1', 'kind: Namespace', ...metadata(NAMESPACES[i]!, undefined, labels)]),
  );
  c.pods.forEach((p, i) =>
    docs.push(['apiVersion: v1', 'kind: Pod', ...metadata(`p${i}`, p.namespace, p.labels)]),
  );
  const peers = c.peers.flatMap((peer) => {
    const fields = [
      ...(peer.podSelector ? selectorField('podSelector', peer.podSelector, 6) : []),
      ...(peer.namespaceSelector ? selectorField('namespaceSelector', peer.namespaceSelector, 6) : []),
    ];
    return [`    - ${fields[0]!.trimStart()}`, ...fields.slice(1)];
  });
  docs.push([
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    ...metadata('target', 'ns1', {}),
    'spec:',
    ...selectorField('podSelector', c.target, 2),
    '  policyTypes: [Ingress]',
    '  ingress:',
    '  - from:',
    ...peers,
  ]);
  return docs.map((d) => d.join('\n')).join('\n---\n') + '\n';
}

// ---- the reference: kubectl's conversion (null is ""), then label selector semantics ----

const plain = (labels: Labels): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).map(([k, w]) => [k, w.value]));

function matches(s: Selector, labels: Record<string, string>): boolean {
  for (const [k, w] of Object.entries(s.matchLabels)) if (labels[k] !== w.value) return false;
  for (const r of s.matchExpressions) {
    const has = k(labels, r.key);
    const values = r.values.map((v) => v.value);
    const ok =
      r.operator === 'In'
        ? has && values.includes(labels[r.key]!)
        : r.operator === 'NotIn'
          ? !has || !values.includes(labels[r.key]!)
          : r.operator === 'Exists'
            ? has
            : !has;
    if (!ok) return false;
  }
  return true;
}
const k = (labels: Record<string, string>, key: string) => Object.hasOwn(labels, key);

function referenceAllowed(c: Case): string[] {
  const nsLabels = (ns: string) => ({
    ...plain(c.namespaces[NAMESPACES.indexOf(ns)]!),
    'kubernetes.io/metadata.name': ns,
  });
  const pods = c.pods.map((p, i) => ({
    key: `${p.namespace}/p${i}`,
    ns: p.namespace,
    labels: plain(p.labels),
  }));
  const peerHolds = (peer: Peer, src: (typeof pods)[number]) => {
    if (peer.namespaceSelector ? !matches(peer.namespaceSelector, nsLabels(src.ns)) : src.ns !== 'ns1')
      return false;
    return !peer.podSelector || matches(peer.podSelector, src.labels);
  };
  const out: string[] = [];
  for (const src of pods)
    for (const dst of pods) {
      const isolated = dst.ns === 'ns1' && matches(c.target, dst.labels);
      if (!isolated || src === dst || c.peers.some((peer) => peerHolds(peer, src)))
        out.push(`${src.key} ${dst.key}`);
    }
  return out.sort();
}

void test('selectors with null, empty and missing values select what kubectl would (YAML → matrix)', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const ws = new Workspace();
      const text = yamlOf(c);
      ws.setFile({ path: 'case.yaml', text });
      const errors = ws.findings('case.yaml').filter((f) => f.severity === 'error');
      assert.deepEqual(errors, [], text);
      const topology = ws.topology();
      assert.equal(topology.policies.length, 1, text);
      const m = computeMatrix(topology, 80, 'TCP');
      const allowed = m.allowed.map(([s, d]) => `${s} ${d}`).sort();
      assert.deepEqual(allowed, referenceAllowed(c), text);
    }),
    { numRuns: 300 },
  );
});
