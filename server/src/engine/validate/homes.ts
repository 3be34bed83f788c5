// Where each NetworkPolicy field belongs, for keys found at the wrong level: a sentence for the
// message and, when the place is unambiguous, the map a quick fix moves the field into.
import type { YMap, YPair } from '../yamlTree';
import { isMap, pairOf, valueOf } from '../yamlTree';
import type { ValidationContext } from './context';
import type { MoveTarget } from './move';
import type { StructName } from './schema';
import { isNull } from './values';

/** Where a misplaced field belongs. */
export interface Home {
  /** Completes "`key` belongs …". */
  where: string;
  /** The map to move it into, when unambiguous. */
  target?: (ctx: ValidationContext, map: YMap) => MoveTarget | undefined;
  /** The fix's title after "Move `key` ", when `where` does not read well there. */
  moveTo?: string;
  /** The key to rename it to instead (`to` in an ingress rule is `from`). */
  rename?: string;
}

/** A top-level key (`spec`, `metadata`); created in place only for a field that is itself top-level. */
const topLevel =
  (key: string) =>
  (ctx: ValidationContext, map: YMap): MoveTarget | undefined => {
    const p = pairOf(ctx.root, key);
    if (!p) return map === ctx.root ? { kind: 'create', key } : undefined;
    return targetOf(p);
  };

export const sibling =
  (key: string) =>
  (_ctx: ValidationContext, map: YMap): MoveTarget | undefined => {
    const p = pairOf(map, key);
    if (!p) return { kind: 'create', key };
    return targetOf(p);
  };

/** The nearest enclosing map of one of these types (a field indented one level too deep). */
const enclosing =
  (...names: StructName[]) =>
  (ctx: ValidationContext): MoveTarget | undefined => {
    for (let i = ctx.frames.length - 2; i >= 0; i--) {
      const f = ctx.frames[i]!;
      if (names.includes(f.type.name)) return { kind: 'map', map: f.map };
    }
    return undefined;
  };

const topLevelMap = (ctx: ValidationContext): MoveTarget => ({ kind: 'map', map: ctx.root });

const specPodSelector = (ctx: ValidationContext): MoveTarget | undefined => {
  const spec = valueOf(ctx.root, 'spec');
  const p = isMap(spec) ? pairOf(spec, 'podSelector') : undefined;
  return p ? targetOf(p) : undefined;
};

function targetOf(p: YPair): MoveTarget | undefined {
  if (isNull(p.value)) return { kind: 'empty', pair: p };
  return isMap(p.value) && !p.value.flow && p.value.pairs.length > 0
    ? { kind: 'map', map: p.value }
    : undefined;
}

const SPEC_FIELDS = ['podSelector', 'ingress', 'egress', 'policyTypes'];
const META_FIELDS = ['name', 'generateName', 'namespace', 'labels', 'annotations'];
const OBJECT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];
const PORT_FIELDS = ['protocol', 'port', 'endPort'];

function homes(entries: [string[], Home][]): ReadonlyMap<string, Home> {
  return new Map(entries.flatMap(([keys, home]) => keys.map((k) => [k, home] as const)));
}

const underSpec: Home = { where: 'under `spec`', target: topLevel('spec') };
const underMetadata: Home = { where: 'under `metadata`', target: topLevel('metadata') };
const atTopLevel: Home = { where: 'at the top level of the object', target: topLevelMap };
const inPortItem: Home = { where: 'in an item of the rule’s `ports` list' };
const inRule: Home = { where: 'in a rule under `spec.ingress` or `spec.egress`' };

const HOMES: Partial<Record<StructName, ReadonlyMap<string, Home>>> = {
  NetworkPolicy: homes([
    [SPEC_FIELDS, underSpec],
    [META_FIELDS, underMetadata],
    [['from'], { where: 'in an ingress rule (`spec.ingress[].from`)' }],
    [['to'], { where: 'in an egress rule (`spec.egress[].to`)' }],
    [['ports'], inRule],
    [['matchLabels', 'matchExpressions'], { where: 'under `spec.podSelector`', target: specPodSelector }],
  ]),
  ObjectMeta: homes([
    [SPEC_FIELDS, underSpec],
    [OBJECT_FIELDS, atTopLevel],
  ]),
  NetworkPolicySpec: homes([
    [META_FIELDS, underMetadata],
    [OBJECT_FIELDS, atTopLevel],
    [['from'], { where: 'in an ingress rule: `spec.ingress[].from`' }],
    [['to'], { where: 'in an egress rule: `spec.egress[].to`' }],
    [['ports'], inRule],
    [
      ['matchLabels', 'matchExpressions'],
      { where: 'under `spec.podSelector`', target: sibling('podSelector') },
    ],
    [['namespaceSelector', 'ipBlock'], { where: 'in a peer, an item of a rule’s `from` or `to` list' }],
  ]),
  NetworkPolicyIngressRule: homes([
    [['to'], { where: 'in egress rules; an ingress rule lists its sources under `from`', rename: 'from' }],
    [
      ['podSelector', 'namespaceSelector', 'ipBlock'],
      { where: 'in a peer, an item of `from` (`- from:` then `- podSelector: …`)' },
    ],
    [PORT_FIELDS, inPortItem],
  ]),
  NetworkPolicyEgressRule: homes([
    [['from'], { where: 'in ingress rules; an egress rule lists its destinations under `to`', rename: 'to' }],
    [
      ['podSelector', 'namespaceSelector', 'ipBlock'],
      { where: 'in a peer, an item of `to` (`- to:` then `- podSelector: …`)' },
    ],
    [PORT_FIELDS, inPortItem],
  ]),
  NetworkPolicyPeer: homes([
    [
      ['ports'],
      {
        where: 'in the rule, next to `from`/`to`, not inside a peer: outdent it',
        moveTo: 'into the rule',
        target: enclosing('NetworkPolicyIngressRule', 'NetworkPolicyEgressRule'),
      },
    ],
    [['cidr', 'except'], { where: 'under `ipBlock`', target: sibling('ipBlock') }],
    [['matchLabels', 'matchExpressions'], { where: 'under `podSelector` or `namespaceSelector`' }],
    [PORT_FIELDS, inPortItem],
  ]),
  IPBlock: homes([
    [
      ['podSelector', 'namespaceSelector'],
      { where: 'in a peer of its own: a peer with `ipBlock` cannot also select pods or namespaces' },
    ],
  ]),
  NetworkPolicyPort: homes([
    [
      ['from', 'to'],
      {
        where: 'in the rule, next to `ports`, not inside a port: outdent it',
        moveTo: 'into the rule',
        target: enclosing('NetworkPolicyIngressRule', 'NetworkPolicyEgressRule'),
      },
    ],
    [
      ['name'],
      { where: 'in `port`: a policy port names a container port with `port: <name>`', rename: 'port' },
    ],
  ]),
  LabelSelector: homes([[['key', 'operator', 'values'], { where: 'in an item of `matchExpressions`' }]]),
};

/** Where `key` belongs when it is found, not being a field, in a map of type `struct`. */
export function homeOf(struct: StructName, key: string): Home | undefined {
  return HOMES[struct]?.get(key);
}
