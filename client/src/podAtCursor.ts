// Which Pod manifest the cursor is in, for "Trace Packet from this Pod…" (pure; yaml parser only).
import { isMap, parseAllDocuments } from 'yaml';

/** Larger documents are not scanned on every cursor move. */
export const MAX_SCAN_LENGTH = 1_000_000;

/** `ns/name` of the Pod whose document contains `offset`, or undefined. */
export function podAtOffset(text: string, offset: number): string | undefined {
  if (text.length > MAX_SCAN_LENGTH) return undefined;
  const docs = parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(docs)) return undefined;
  const doc = docs.find((d) => d.range[0] <= offset && offset <= d.range[2]);
  if (!doc || !isMap(doc.contents) || doc.get('kind') !== 'Pod') return undefined;
  const name = doc.getIn(['metadata', 'name']);
  const namespace = doc.getIn(['metadata', 'namespace']) ?? 'default';
  return typeof name === 'string' && name && typeof namespace === 'string'
    ? `${namespace}/${name}`
    : undefined;
}
