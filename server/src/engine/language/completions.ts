// What may be typed at the cursor in a YAML manifest: label keys and values that exist in the
// topology inside selectors, NetworkPolicy field names valid at the cursor, and the closed value sets
// (protocol, operator, policyTypes, apiVersion), namespaces and container ports. Nothing is offered
// outside Kubernetes documents. Engine terms only; the language server turns offers into items.
import type { Topology } from '../model';
import type { Position } from '../types';
import type { Shape } from './policySchema';
import { fieldsOf, placeAt } from './policySchema';
import type { YamlContext } from './yamlContext';
import { unquote, yamlContext } from './yamlContext';

/** What an offer is: a field name, a label key or value, a value of a closed set, a namespace, a port. */
export type OfferKind = 'field' | 'labelKey' | 'labelValue' | 'enum' | 'namespace' | 'port';

export interface Offer {
  label: string;
  kind: OfferKind;
  detail: string;
  /** Inserted text (default: the label); a field's is built from its shape. */
  insert?: string;
  /** For a field: what its value is (a map or list gets its own lines). */
  shape?: Shape;
}

/** The offers at a position, and where the word they replace starts on the cursor's line. */
export interface Completions {
  offers: Offer[];
  wordStart: number;
  /** A value is typed right after `key:`: the inserted text needs a space first. */
  needsSpace: boolean;
}

export function completionsAt(text: string, position: Position, topology: Topology): Completions | undefined {
  if (/^\s*[[{]/.test(text)) return undefined;
  const lines = text.split(/\r?\n/);
  const ctx = yamlContext(lines, position.line, position.character);
  if (!ctx?.isKubernetes) return undefined;
  const offers = selectorOffers(topology, ctx) ?? valueOffers(topology, ctx) ?? [];
  if (!offers.length && ctx.kind === 'NetworkPolicy') offers.push(...schemaOffers(ctx));
  return {
    offers,
    wordStart: ctx.wordStart,
    needsSpace: ctx.position === 'value' && ctx.needsSpace === true,
  };
}

/** Inside `matchLabels` or `matchExpressions`: label keys and values (operators come from the schema). */
function selectorOffers(topology: Topology, ctx: YamlContext): Offer[] | undefined {
  const path = ctx.path;
  const labelsOf = (selectorKey: string | undefined) =>
    selectorKey === 'namespaceSelector' ? namespaceLabels(topology) : podLabels(topology);
  if (path[path.length - 1] === 'matchLabels') {
    const labels = labelsOf(path[path.length - 2]);
    if (ctx.position === 'key') return keyOffers(labels, ': ');
    if (ctx.position === 'value') return valueOffersFor(labels, ctx.key!);
    return [];
  }
  const expr = path.lastIndexOf('matchExpressions');
  if (expr < 0 || path[expr + 1] !== '#') return undefined;
  const labels = labelsOf(path[expr - 1]);
  const rest = path.slice(expr + 2);
  if (rest.length === 0 && ctx.position === 'value' && ctx.key === 'key') return keyOffers(labels, '');
  if (rest.join('.') === 'values.#' && ctx.position === 'item') {
    const key = unquote(ctx.enclosing[0]?.get('key') ?? '');
    return valueOffersFor(labels, key);
  }
  return undefined;
}

/** Closed value sets from the schema, namespaces, container ports. */
function valueOffers(topology: Topology, ctx: YamlContext): Offer[] | undefined {
  const last = ctx.path[ctx.path.length - 1];
  if (ctx.position === 'value' && ctx.key === 'namespace' && last === 'metadata')
    return [...topology.namespaces.keys()].map((n) => ({
      label: n,
      kind: 'namespace' as const,
      detail: 'namespace',
    }));
  if (ctx.position === 'value' && ctx.key === 'port' && ctx.path.includes('ports'))
    return portOffers(topology);
  if (ctx.kind !== 'NetworkPolicy') return undefined;
  const place =
    ctx.position === 'value'
      ? placeAt([...ctx.path, ctx.key!])
      : ctx.position === 'item'
        ? placeAt(ctx.path.slice(0, -1))
        : undefined;
  const field = place?.field;
  if (!field?.values) return undefined;
  if (field.shape !== (ctx.position === 'item' ? 'scalarList' : 'scalar')) return undefined;
  return field.values.map((v) => ({ label: v, kind: 'enum' as const, detail: field.doc }));
}

function portOffers(topology: Topology): Offer[] {
  const seen = new Map<string, Offer>();
  for (const pod of topology.pods)
    for (const p of pod.ports) {
      const where = `${p.protocol} ${p.containerPort} on ${pod.namespace}/${pod.name}`;
      if (!seen.has(String(p.containerPort)))
        seen.set(String(p.containerPort), {
          label: String(p.containerPort),
          kind: 'port',
          detail: where,
        });
      if (p.name && !seen.has(p.name))
        seen.set(p.name, { label: p.name, kind: 'port', detail: `named port: ${where}` });
    }
  return [...seen.values()];
}

/** Field names valid at the cursor, minus those already written. */
function schemaOffers(ctx: YamlContext): Offer[] {
  if (ctx.position === 'value') return [];
  const place = placeAt(ctx.path);
  if (!place) return [];
  return fieldsOf(place)
    .filter((f) => !ctx.siblings.has(f.name) || f.name === ctx.word)
    .map((f) => ({ label: f.name, kind: 'field', detail: f.doc, shape: f.shape }));
}

/** Label key -> value -> how many pods (or namespaces) carry it. */
interface LabelIndex {
  noun: string;
  keys: Map<string, Map<string, number>>;
}

function podLabels(topology: Topology): LabelIndex {
  return indexLabels(
    'pod',
    topology.pods.map((p) => p.labels),
  );
}

function namespaceLabels(topology: Topology): LabelIndex {
  return indexLabels(
    'namespace',
    [...topology.namespaces.values()].map((n) => n.labels),
  );
}

function indexLabels(noun: string, all: readonly Readonly<Record<string, string>>[]): LabelIndex {
  const index: LabelIndex = { noun, keys: new Map() };
  for (const labels of all)
    for (const [k, v] of Object.entries(labels)) {
      const values = index.keys.get(k) ?? new Map<string, number>();
      values.set(v, (values.get(v) ?? 0) + 1);
      index.keys.set(k, values);
    }
  return index;
}

function keyOffers(index: LabelIndex, suffix: string): Offer[] {
  return [...index.keys].map(([key, values]) => ({
    label: key,
    kind: 'labelKey',
    detail: `label on ${count(sum(values), index.noun)} (${count(values.size, 'value')})`,
    insert: `${key}${suffix}`,
  }));
}

function valueOffersFor(index: LabelIndex, key: string): Offer[] {
  return [...(index.keys.get(key) ?? [])].map(([value, n]) => ({
    label: value,
    kind: 'labelValue',
    detail: `${key}=${value} on ${count(n, index.noun)}`,
    insert: yamlString(value),
  }));
}

/** A label value as YAML reads it back as the same string: quoted when it would be a number, bool or null. */
function yamlString(v: string): string {
  const ambiguous =
    /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan))$/i;
  return v === '' || ambiguous.test(v) ? JSON.stringify(v) : v;
}

/** `n thing` / `n things`. */
function count(n: number, singular: string): string {
  return `${n} ${n === 1 ? singular : `${singular}s`}`;
}

function sum(values: Map<string, number>): number {
  let n = 0;
  for (const v of values.values()) n += v;
  return n;
}
