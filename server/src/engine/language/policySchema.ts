// What completion offers inside a NetworkPolicy: the fields of the validation schema
// (engine/validate/schema.ts, the same one the API-server checks use) at the cursor's key path, with
// a one-line description, their shape (for the inserted text) and, for closed sets, the values.
import { NETWORK_POLICY } from '../validate/schema';
import type { FieldType } from '../validate/schema';
import { PROTOCOLS } from '../types';

export type Shape = 'scalar' | 'map' | 'list' | 'scalarList';

export interface FieldSpec {
  name: string;
  shape: Shape;
  doc: string;
  /** The values a scalar (or each item of a scalar list) takes, when the set is closed. */
  values?: readonly string[];
}

/** Where the cursor's key path leads: a field's type, and whether the cursor is inside a list item. */
export interface Place {
  type: FieldType;
  field?: FieldSpec;
}

const VALUES: Readonly<Record<string, readonly string[]>> = {
  apiVersion: ['networking.k8s.io/v1'],
  kind: ['NetworkPolicy'],
  protocol: PROTOCOLS,
  operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  policyTypes: ['Ingress', 'Egress'],
};

const DOCS: Readonly<Record<string, string>> = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: 'Name and namespace of the policy.',
  name: 'The name.',
  namespace: 'The namespace whose pods the policy selects (default: default).',
  labels: 'Labels of this object.',
  annotations: 'Annotations of this object.',
  spec: 'What the policy selects and allows.',
  podSelector: 'Pods (of the namespace, or of the namespaces namespaceSelector picks); {} selects all.',
  namespaceSelector: 'Every pod in the namespaces whose labels match.',
  ipBlock: 'A CIDR range; cannot be combined with the selectors.',
  cidr: 'The range, e.g. 10.0.0.0/8.',
  except: 'Ranges inside cidr to leave out.',
  policyTypes: 'Ingress and/or Egress: the directions the policy isolates.',
  ingress: 'Rules for incoming connections.',
  egress: 'Rules for outgoing connections.',
  from: 'Sources allowed; omitted: every source.',
  to: 'Destinations allowed; omitted: every destination.',
  ports: 'The ports the rule allows; omitted: every port.',
  protocol: 'TCP (default), UDP or SCTP.',
  port: 'A port number or a named container port; omitted: every port.',
  endPort: 'With a numeric port: the last port of a range.',
  matchLabels: 'Labels that must all be present with these values.',
  matchExpressions: 'Requirements on labels, all of which must hold.',
  key: 'The label key the requirement is about.',
  operator: 'In, NotIn, Exists or DoesNotExist.',
  values: 'Values for In and NotIn; empty for Exists and DoesNotExist.',
};

/** ObjectMeta fields the API server fills in: never offered. */
const SERVER_SET = new Set([
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'ownerReferences',
  'finalizers',
  'generateName',
]);

function shapeOf(t: FieldType): Shape {
  if (t.kind === 'struct' || t.kind === 'stringMap') return 'map';
  if (t.kind === 'list') return t.of.kind === 'struct' ? 'list' : 'scalarList';
  return 'scalar';
}

function specOf(name: string, t: FieldType): FieldSpec {
  const spec: FieldSpec = { name, shape: shapeOf(t), doc: DOCS[name] ?? name };
  const item = t.kind === 'list' ? t.of : t;
  const accepts = 'accepts' in item ? item.accepts : undefined;
  const values = VALUES[name]?.filter((v) => !accepts || accepts(v));
  if (values?.length) spec.values = values;
  return spec;
}

/** The type a key path leads to (`#` steps into list items), or undefined off the schema. */
export function placeAt(path: readonly string[]): Place | undefined {
  let place: Place = { type: NETWORK_POLICY };
  for (const step of path) {
    const t = place.type;
    if (step === '#') {
      if (t.kind !== 'list') return undefined;
      place = { type: t.of };
      continue;
    }
    const next = t.kind === 'struct' ? t.fields.get(step) : undefined;
    if (!next) return undefined;
    place = { type: next, field: specOf(step, next) };
  }
  return place;
}

/** The fields a map at this place may hold (none for maps of free keys, like labels). */
export function fieldsOf(place: Place): FieldSpec[] {
  if (place.type.kind !== 'struct') return [];
  return [...place.type.fields].filter(([name]) => !SERVER_SET.has(name)).map(([name, t]) => specOf(name, t));
}
