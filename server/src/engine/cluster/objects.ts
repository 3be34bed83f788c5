// The objects the topology is built from: in path order, one per kind/namespace/name (the later
// definition wins, as a later `kubectl apply` would), with every definition remembered for the lints.
import type { ManifestObject } from '../documents';

const CLUSTER_SCOPED: ReadonlySet<string> = new Set(['Namespace', 'Node']);

export function objectKey(obj: ManifestObject): string | undefined {
  if (!obj.kind || !obj.name) return undefined;
  const ns = CLUSTER_SCOPED.has(obj.kind) ? '' : obj.namespace || 'default';
  return `${obj.kind}/${ns}/${obj.name}`;
}

export interface LatestObjects {
  /** The surviving objects, in path order. */
  objects: ManifestObject[];
  /** Every definition of each key that is defined more than once, in path order. */
  duplicates: Map<string, ManifestObject[]>;
}

export function latestObjects(input: readonly ManifestObject[]): LatestObjects {
  const ordered = [...input].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const keys = ordered.map(objectKey);
  const last = new Map<string, number>();
  keys.forEach((key, i) => key !== undefined && last.set(key, i));
  const objects = ordered.filter((_, i) => keys[i] === undefined || last.get(keys[i]!) === i);
  const duplicates = new Map<string, ManifestObject[]>();
  if (objects.length < ordered.length) {
    ordered.forEach((obj, i) => {
      const key = keys[i];
      if (key === undefined || objects.length === ordered.length) return;
      const list = duplicates.get(key);
      if (list) list.push(obj);
      else duplicates.set(key, [obj]);
    });
    for (const [key, defs] of duplicates) if (defs.length < 2) duplicates.delete(key);
  }
  return { objects, duplicates };
}
