// The objects the topology is built from: in path order, one per kind/namespace/name (the later
// definition wins, as a later `kubectl apply` would), with every definition remembered for the lints.
import { pushTo } from '../lists';
import type { ObjectFacts } from './facts';

const CLUSTER_SCOPED: ReadonlySet<string> = new Set(['Namespace', 'Node']);

export function objectKey(obj: ObjectFacts): string | undefined {
  if (!obj.kind || !obj.name) return undefined;
  const ns = CLUSTER_SCOPED.has(obj.kind) ? '' : obj.namespace || 'default';
  return `${obj.kind}/${ns}/${obj.name}`;
}

export interface LatestObjects {
  /** The surviving objects, in path order. */
  objects: ObjectFacts[];
  /** Every definition of each key that is defined more than once, in path order. */
  duplicates: Map<string, ObjectFacts[]>;
}

export function latestObjects(input: readonly ObjectFacts[]): LatestObjects {
  const ordered = [...input].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const keys = ordered.map(objectKey);
  const definitions = new Map<string, ObjectFacts[]>();
  ordered.forEach((obj, i) => {
    const key = keys[i];
    if (key !== undefined) pushTo(definitions, key, obj);
  });
  const objects = ordered.filter((obj, i) => {
    const defs = keys[i] === undefined ? undefined : definitions.get(keys[i]!);
    return !defs || defs[defs.length - 1] === obj;
  });
  const duplicates = new Map([...definitions].filter(([, defs]) => defs.length > 1));
  return { objects, duplicates };
}
