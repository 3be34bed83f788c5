// The shape of networking.k8s.io/v1 NetworkPolicy (and ObjectMeta) as the API server decodes it: every
// field, its JSON type, and for strings the format a value must have for a quoting fix to be worth
// offering. Strict field validation rejects any other key, at every level.
import { parseCIDR } from './cidr';
import { dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from './formats';
import { PROTOCOLS } from '../types';

export type StructName =
  | 'NetworkPolicy'
  | 'ObjectMeta'
  | 'OwnerReference'
  | 'ManagedFieldsEntry'
  | 'NetworkPolicySpec'
  | 'NetworkPolicyIngressRule'
  | 'NetworkPolicyEgressRule'
  | 'NetworkPolicyPeer'
  | 'IPBlock'
  | 'NetworkPolicyPort'
  | 'LabelSelector'
  | 'LabelSelectorRequirement';

/** Whether a string is a value the field's own checks accept. */
export type Accepts = (s: string) => boolean;

export type ScalarKind = 'string' | 'int32' | 'int64' | 'bool' | 'intOrString' | 'time' | 'any';

export interface ScalarType {
  kind: ScalarKind;
  accepts?: Accepts;
}
export interface ListType {
  kind: 'list';
  of: FieldType;
}
/** map[string]string: labels, annotations, matchLabels. */
export interface StringMapType {
  kind: 'stringMap';
  values?: Accepts;
}
export interface StructType {
  kind: 'struct';
  name: StructName;
  /** How a message names a value of this type: "a label selector map (`matchLabels`, `matchExpressions`)". */
  describe: string;
  fields: ReadonlyMap<string, FieldType>;
}
export type FieldType = ScalarType | ListType | StringMapType | StructType;

const scalar = (kind: ScalarKind, accepts?: Accepts): ScalarType => (accepts ? { kind, accepts } : { kind });
const list = (of: FieldType): ListType => ({ kind: 'list', of });
const struct = (name: StructName, describe: string, fields: Record<string, FieldType>): StructType => ({
  kind: 'struct',
  name,
  describe,
  fields: new Map(Object.entries(fields)),
});

const oneOf =
  (...values: string[]): Accepts =>
  (s) =>
    values.includes(s);
const none =
  (errors: (s: string) => string[]): Accepts =>
  (s) =>
    errors(s).length === 0;

export const isLabelValue = none(labelValueErrors);
const isCIDR: Accepts = (s) => parseCIDR(s).ok;

const str = scalar('string');

const OWNER_REFERENCE = struct('OwnerReference', 'an owner reference map', {
  apiVersion: str,
  kind: str,
  name: str,
  uid: str,
  controller: scalar('bool'),
  blockOwnerDeletion: scalar('bool'),
});

const MANAGED_FIELDS_ENTRY = struct('ManagedFieldsEntry', 'a managed fields entry map', {
  manager: str,
  operation: scalar('string', oneOf('Apply', 'Update')),
  apiVersion: str,
  time: scalar('time'),
  fieldsType: scalar('string', oneOf('FieldsV1')),
  fieldsV1: scalar('any'),
  subresource: str,
});

export const OBJECT_META = struct('ObjectMeta', 'a metadata map (`name`, `namespace`, `labels`, …)', {
  name: scalar('string', none(dns1123SubdomainErrors)),
  generateName: str,
  namespace: scalar('string', none(dns1123LabelErrors)),
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: scalar('int64'),
  creationTimestamp: scalar('time'),
  deletionTimestamp: scalar('time'),
  deletionGracePeriodSeconds: scalar('int64'),
  labels: { kind: 'stringMap', values: isLabelValue },
  annotations: { kind: 'stringMap' },
  ownerReferences: list(OWNER_REFERENCE),
  finalizers: list(scalar('string', none(qualifiedNameErrors))),
  managedFields: list(MANAGED_FIELDS_ENTRY),
});

const REQUIREMENT = struct(
  'LabelSelectorRequirement',
  'a selector requirement map (`key`, `operator`, `values`)',
  {
    key: scalar('string', none(qualifiedNameErrors)),
    operator: scalar('string', oneOf('In', 'NotIn', 'Exists', 'DoesNotExist')),
    values: list(scalar('string', isLabelValue)),
  },
);

export const LABEL_SELECTOR = struct(
  'LabelSelector',
  'a label selector map (`matchLabels` and/or `matchExpressions`)',
  {
    matchLabels: { kind: 'stringMap', values: isLabelValue },
    matchExpressions: list(REQUIREMENT),
  },
);

const IP_BLOCK = struct('IPBlock', 'an ipBlock map (`cidr`, `except`)', {
  cidr: scalar('string', isCIDR),
  except: list(scalar('string', isCIDR)),
});

const PEER = struct('NetworkPolicyPeer', 'a peer map (`podSelector`, `namespaceSelector` or `ipBlock`)', {
  podSelector: LABEL_SELECTOR,
  namespaceSelector: LABEL_SELECTOR,
  ipBlock: IP_BLOCK,
});

const PORT = struct('NetworkPolicyPort', 'a port map (`protocol`, `port`, `endPort`)', {
  protocol: scalar('string', oneOf(...PROTOCOLS)),
  port: scalar('intOrString'),
  endPort: scalar('int32'),
});

const INGRESS_RULE = struct('NetworkPolicyIngressRule', 'an ingress rule map (`from`, `ports`)', {
  ports: list(PORT),
  from: list(PEER),
});

const EGRESS_RULE = struct('NetworkPolicyEgressRule', 'an egress rule map (`to`, `ports`)', {
  ports: list(PORT),
  to: list(PEER),
});

export const SPEC = struct(
  'NetworkPolicySpec',
  'a spec map (`podSelector`, `ingress`, `egress`, `policyTypes`)',
  {
    podSelector: LABEL_SELECTOR,
    ingress: list(INGRESS_RULE),
    egress: list(EGRESS_RULE),
    policyTypes: list(scalar('string', oneOf('Ingress', 'Egress'))),
  },
);

export const NETWORK_POLICY = struct('NetworkPolicy', 'a NetworkPolicy object', {
  apiVersion: str,
  kind: str,
  metadata: OBJECT_META,
  spec: SPEC,
});
