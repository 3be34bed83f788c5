// Which Kubernetes object the cursor is in (pure; yaml parser only): the editor's context menu offers
// "Trace Packet from this Pod…" on a Pod and "Explain Policy" on a NetworkPolicy.
import { isMap, parseAllDocuments } from 'yaml';

/** Larger documents are not scanned on every cursor move. */
const MAX_SCAN_LENGTH = 1_000_000;

export interface ObjectAtCursor {
  kind: string;
  /** `ns/name` (namespace `default` when not written). */
  key: string;
}

/** The object whose YAML document contains `offset`, when it has a kind and a name. */
export function objectAtOffset(text: string, offset: number): ObjectAtCursor | undefined {
  if (text.length > MAX_SCAN_LENGTH) return undefined;
  const docs = parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(docs)) return undefined;
  const doc = docs.find((d) => d.range[0] <= offset && offset <= d.range[2]);
  if (!doc || !isMap(doc.contents)) return undefined;
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  const namespace = doc.getIn(['metadata', 'namespace']) ?? 'default';
  if (typeof kind !== 'string' || typeof name !== 'string' || !name || typeof namespace !== 'string')
    return undefined;
  return { kind, key: `${namespace}/${name}` };
}

/** `ns/name` of the Pod whose document contains `offset`, or undefined. */
export function podAtOffset(text: string, offset: number): string | undefined {
  const obj = objectAtOffset(text, offset);
  return obj?.kind === 'Pod' ? obj.key : undefined;
}
