// The fields of a networking.k8s.io/v1 NetworkPolicy, as completion offers them: what may be written
// at each place, its shape (for the inserted text) and a one-line description.

export type Shape = 'scalar' | 'map' | 'list' | 'scalarList';

export interface FieldSpec {
  name: string;
  shape: Shape;
  doc: string;
  /** Fields of the map (or of each list item). */
  fields?: readonly FieldSpec[];
  /** The values a scalar (or each item of a scalar list) takes. */
  values?: readonly string[];
}

export const PROTOCOL_VALUES = ['TCP', 'UDP', 'SCTP'] as const;
export const OPERATOR_VALUES = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
export const POLICY_TYPE_VALUES = ['Ingress', 'Egress'] as const;

const LABEL_SELECTOR: readonly FieldSpec[] = [
  { name: 'matchLabels', shape: 'map', doc: 'Labels a pod (or namespace) must carry, all of them.' },
  {
    name: 'matchExpressions',
    shape: 'list',
    doc: 'Requirements on labels, all of which must hold.',
    fields: [
      { name: 'key', shape: 'scalar', doc: 'The label key the requirement is about.' },
      {
        name: 'operator',
        shape: 'scalar',
        doc: 'In, NotIn, Exists or DoesNotExist.',
        values: OPERATOR_VALUES,
      },
      {
        name: 'values',
        shape: 'scalarList',
        doc: 'Values for In and NotIn; must be empty for Exists and DoesNotExist.',
      },
    ],
  },
];

const PEER: readonly FieldSpec[] = [
  {
    name: 'podSelector',
    shape: 'map',
    doc: "Pods in the policy's namespace (or in the namespaces namespaceSelector picks).",
    fields: LABEL_SELECTOR,
  },
  {
    name: 'namespaceSelector',
    shape: 'map',
    doc: 'Every pod in the namespaces whose labels match.',
    fields: LABEL_SELECTOR,
  },
  {
    name: 'ipBlock',
    shape: 'map',
    doc: 'A CIDR range (cannot be combined with the selectors).',
    fields: [
      { name: 'cidr', shape: 'scalar', doc: 'The range, e.g. 10.0.0.0/8.' },
      { name: 'except', shape: 'scalarList', doc: 'Ranges inside cidr to leave out.' },
    ],
  },
];

const PORT: readonly FieldSpec[] = [
  { name: 'protocol', shape: 'scalar', doc: 'TCP (default), UDP or SCTP.', values: PROTOCOL_VALUES },
  { name: 'port', shape: 'scalar', doc: 'A port number or a named container port; omitted: every port.' },
  { name: 'endPort', shape: 'scalar', doc: 'With a numeric port: the last port of a range.' },
];

const rule = (peers: 'from' | 'to', doc: string): FieldSpec[] => [
  { name: peers, shape: 'list', doc, fields: PEER },
  { name: 'ports', shape: 'list', doc: 'The ports the rule allows; omitted: every port.', fields: PORT },
];

export const NETWORK_POLICY: readonly FieldSpec[] = [
  { name: 'apiVersion', shape: 'scalar', doc: 'networking.k8s.io/v1', values: ['networking.k8s.io/v1'] },
  { name: 'kind', shape: 'scalar', doc: 'NetworkPolicy', values: ['NetworkPolicy'] },
  {
    name: 'metadata',
    shape: 'map',
    doc: 'Name and namespace of the policy.',
    fields: [
      { name: 'name', shape: 'scalar', doc: 'The policy name.' },
      {
        name: 'namespace',
        shape: 'scalar',
        doc: 'The namespace whose pods the policy selects (default: default).',
      },
      { name: 'labels', shape: 'map', doc: 'Labels of the policy object itself.' },
      { name: 'annotations', shape: 'map', doc: 'Annotations of the policy object.' },
    ],
  },
  {
    name: 'spec',
    shape: 'map',
    doc: 'What the policy selects and allows.',
    fields: [
      {
        name: 'podSelector',
        shape: 'map',
        doc: 'The pods of the namespace the policy applies to; {} selects all.',
        fields: LABEL_SELECTOR,
      },
      {
        name: 'policyTypes',
        shape: 'scalarList',
        doc: 'Ingress and/or Egress: the directions the policy isolates.',
        values: POLICY_TYPE_VALUES,
      },
      {
        name: 'ingress',
        shape: 'list',
        doc: 'Rules for incoming connections.',
        fields: rule('from', 'Sources allowed; omitted: every source.'),
      },
      {
        name: 'egress',
        shape: 'list',
        doc: 'Rules for outgoing connections.',
        fields: rule('to', 'Destinations allowed; omitted: every destination.'),
      },
    ],
  },
];

/** The field a key path leads to (`#` steps into list items), or undefined off the schema. */
export function fieldAt(path: readonly string[]): FieldSpec | { fields: readonly FieldSpec[] } | undefined {
  let current: { fields?: readonly FieldSpec[]; shape?: Shape } = { fields: NETWORK_POLICY };
  for (const step of path) {
    if (step === '#') {
      if (current.shape !== 'list' && current.shape !== 'scalarList') return undefined;
      continue;
    }
    const next = current.fields?.find((f) => f.name === step);
    if (!next) return undefined;
    current = next;
  }
  return current as FieldSpec | { fields: readonly FieldSpec[] };
}
