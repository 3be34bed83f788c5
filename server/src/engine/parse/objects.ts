// A document's root map as Kubernetes objects: one object, several pasted together without `---` (its
// head keys repeat), or the items of a list kubectl flattens (`kind: List`, `NetworkPolicyList`, …).
import type { YMap, YNode, YPair } from '../yamlTree';
import { stringValue, valueOf } from '../yamlTree';
import type { FindingSink } from './findingSink';
import { OBJECTS_RULES } from './rules';
import type { ManifestObject } from './types';

const OBJECT_HEAD_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'spec']);

/**
 * Splits a document into Kubernetes objects. A root map whose head keys (`kind`, `apiVersion`,
 * `metadata`, `spec`) repeat holds objects pasted together without `---`; every other repeated key
 * is a plain duplicate. Both are errors; list items become objects of their own.
 */
export function splitObjects(
  root: YNode,
  docIndex: number,
  file: string,
  sink: FindingSink,
): ManifestObject[] {
  if (root.kind !== 'map') return [];
  const parts = root.flow ? [root] : splitPasted(root);
  for (const rule of OBJECTS_RULES) rule.check(parts, sink);
  const objects: ManifestObject[] = [];
  for (const part of parts) {
    const items = listItems(part);
    if (items) objects.push(...items.map((item, i) => itemOf(item, i, part, docIndex, file)));
    else objects.push(objectOf(part, docIndex, file, parts.length > 1));
  }
  return objects;
}

/**
 * The maps of a list kubectl flattens: `kind: List` or a typed list (`NetworkPolicyList`, `PodList`, …)
 * with an `items` sequence. kubectl sends each item to the API server as an object of its own.
 */
function listItems(part: YMap): YMap[] | undefined {
  const kind = stringValue(valueOf(part, 'kind'));
  const items = valueOf(part, 'items');
  if (!kind?.endsWith('List') || items?.kind !== 'seq') return undefined;
  return items.items.filter((item): item is YMap => item.kind === 'map');
}

/**
 * An item of a list. As kubectl decodes a typed list (UnstructuredList), an item that has neither `kind`
 * nor `apiVersion` takes the list's apiVersion and its kind without `List` (`kind: List` gives none).
 */
function itemOf(item: YMap, index: number, list: YMap, docIndex: number, file: string): ManifestObject {
  const obj = { ...objectOf(item, docIndex, file, false), item: index };
  if (obj.kind || obj.apiVersion) return obj;
  const kind = stringValue(valueOf(list, 'kind'))!.slice(0, -'List'.length);
  const apiVersion = stringValue(valueOf(list, 'apiVersion'));
  if (!kind || apiVersion === undefined) return obj;
  return { ...obj, kind, apiVersion, typeMetaFromList: true };
}

function objectOf(node: YMap, docIndex: number, file: string, pasted: boolean): ManifestObject {
  const meta = valueOf(node, 'metadata');
  const obj: ManifestObject = { file, docIndex, node };
  const set = (k: 'apiVersion' | 'kind' | 'name' | 'namespace', v: string | undefined) => {
    if (v !== undefined) obj[k] = v;
  };
  set('apiVersion', stringValue(valueOf(node, 'apiVersion')));
  set('kind', stringValue(valueOf(node, 'kind')));
  set('name', stringValue(valueOf(meta, 'name')));
  set('namespace', stringValue(valueOf(meta, 'namespace')));
  if (pasted) obj.pasted = true;
  return obj;
}

function splitPasted(root: YMap): YMap[] {
  const parts: YPair[][] = [[]];
  for (const pair of root.pairs) {
    const current = parts[parts.length - 1]!;
    if (OBJECT_HEAD_KEYS.has(pair.key) && current.some((p) => p.key === pair.key)) parts.push([pair]);
    else current.push(pair);
  }
  if (parts.length === 1) return [root];
  const maps = parts.map((pairs): YMap => ({
    kind: 'map',
    pairs,
    flow: false,
    start: pairs[0]!.start,
    end: pairs[pairs.length - 1]!.end,
  }));
  return maps;
}
