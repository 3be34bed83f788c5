// Random clusters and policies (valid for the API server), for property tests (fast-check) and for
// timing the matrix (a seeded generator). Label, port and CIDR vocabularies are small on purpose so
// that selectors, named ports and ipBlocks actually match something.
import fc from 'fast-check';
import { factsOf } from '../../server/src/engine/cluster/facts';
import { parseFile } from '../../server/src/engine/parse/documents';
import type { Topology } from '../../server/src/engine/model';
import { buildTopology } from '../../server/src/engine/topology';

export const APPS = ['web', 'api', 'db', 'cache'];
export const TIERS = ['front', 'back'];
export const PORT_NAMES = ['http', 'metrics', 'dns'];
export const PORTS = [53, 80, 81, 8080];
export const CIDRS = ['10.244.0.0/16', '10.244.0.0/24', '10.244.1.0/24', '10.244.1.128/25', '192.168.0.0/16'];

type Json = Record<string, unknown>;

export interface ClusterSpec {
  namespaces: Json[];
  pods: Json[];
  policies: Json[];
}

/** The cluster as one multi-document JSON-in-YAML text, then the topology the engine builds. */
export function topologyOf(spec: ClusterSpec, nodeCount = 2): Topology {
  const docs = [...spec.namespaces, ...spec.pods, ...spec.policies];
  const text = docs.map((d) => JSON.stringify(d)).join('\n---\n');
  const objects = factsOf(parseFile({ path: 'cluster.yaml', text }).objects);
  return buildTopology(objects, { enforcement: true, nodeCount });
}

/** Random choices, from fast-check or from a seeded generator. */
export interface Chooser {
  int(min: number, max: number): number;
}

const pick = <T>(c: Chooser, xs: readonly T[]): T => xs[c.int(0, xs.length - 1)]!;
const some = <T>(c: Chooser, xs: readonly T[]): T[] => xs.filter(() => c.int(0, 1) === 1);

function labels(c: Chooser): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.int(0, 4) > 0) out['app'] = pick(c, APPS);
  if (c.int(0, 1)) out['tier'] = pick(c, TIERS);
  return out;
}

function selector(c: Chooser, keys: readonly string[] = ['app', 'tier']): Json {
  switch (c.int(0, 4)) {
    case 0:
      return {};
    case 1:
      return { matchLabels: { app: pick(c, APPS) } };
    case 2: {
      const operator = pick(c, ['In', 'NotIn']);
      return {
        matchExpressions: [{ key: pick(c, keys), operator, values: [pick(c, APPS), pick(c, TIERS)] }],
      };
    }
    case 3:
      return { matchExpressions: [{ key: pick(c, keys), operator: pick(c, ['Exists', 'DoesNotExist']) }] };
    default:
      return { matchLabels: { tier: pick(c, TIERS) } };
  }
}

function peer(c: Chooser): Json {
  switch (c.int(0, 3)) {
    case 0:
      return { podSelector: selector(c) };
    case 1:
      return { namespaceSelector: selector(c, ['env', 'kubernetes.io/metadata.name']) };
    case 2:
      return {
        podSelector: selector(c),
        namespaceSelector: { matchLabels: { env: pick(c, ['prod', 'dev']) } },
      };
    default: {
      const cidr = pick(c, CIDRS);
      return {
        ipBlock: cidr === '10.244.0.0/16' && c.int(0, 1) ? { cidr, except: ['10.244.1.0/24'] } : { cidr },
      };
    }
  }
}

function port(c: Chooser): Json {
  const protocol = pick(c, ['TCP', 'UDP', undefined]);
  const base: Json = protocol ? { protocol } : {};
  switch (c.int(0, 3)) {
    case 0:
      return base;
    case 1:
      return { ...base, port: pick(c, PORTS) };
    case 2:
      return { ...base, port: pick(c, PORT_NAMES) };
    default:
      return { ...base, port: 80, endPort: pick(c, [80, 81, 9000]) };
  }
}

function rule(c: Chooser, peersKey: 'from' | 'to'): Json {
  const out: Json = {};
  if (c.int(0, 2)) out[peersKey] = Array.from({ length: c.int(1, 3) }, () => peer(c));
  if (c.int(0, 1)) out['ports'] = Array.from({ length: c.int(1, 2) }, () => port(c));
  return out;
}

export function policy(c: Chooser, namespace: string, name: string): Json {
  const spec: Json = { podSelector: selector(c) };
  const types = some(c, ['Ingress', 'Egress']);
  if (c.int(0, 1)) spec['policyTypes'] = types;
  if (c.int(0, 3)) spec['ingress'] = Array.from({ length: c.int(0, 2) }, () => rule(c, 'from'));
  if (c.int(0, 3)) spec['egress'] = Array.from({ length: c.int(0, 2) }, () => rule(c, 'to'));
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

function pod(c: Chooser, namespace: string, name: string): Json {
  const ports = some(c, PORT_NAMES).map((n) => ({
    name: n,
    containerPort: pick(c, PORTS),
    protocol: pick(c, ['TCP', 'UDP']),
  }));
  const containers = [{ name: 'main', image: 'nginx', ports }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: labels(c) },
    spec: { containers },
  };
}

export function cluster(
  c: Chooser,
  sizes: { namespaces: number; pods: number; policies: number },
): ClusterSpec {
  const names = Array.from({ length: sizes.namespaces }, (_, i) => `ns${i}`);
  return {
    namespaces: names.map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: c.int(0, 2) ? { env: pick(c, ['prod', 'dev']) } : {} },
    })),
    pods: Array.from({ length: sizes.pods }, (_, i) => pod(c, pick(c, names), `pod${i}`)),
    policies: Array.from({ length: sizes.policies }, (_, i) => policy(c, pick(c, names), `policy${i}`)),
  };
}

/** A deterministic generator (mulberry32) for benchmarks. */
export function seeded(seed: number): Chooser {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

/** fast-check: a cluster built from a recorded stream of choices (shrinks with the stream). */
export const clusterArbitrary = (max: { namespaces: number; pods: number; policies: number }) =>
  fc
    .record({
      namespaces: fc.integer({ min: 1, max: max.namespaces }),
      pods: fc.integer({ min: 0, max: max.pods }),
      policies: fc.integer({ min: 0, max: max.policies }),
      seed: fc.integer(),
    })
    .map((sizes) => ({ sizes, spec: cluster(seeded(sizes.seed), sizes) }));
