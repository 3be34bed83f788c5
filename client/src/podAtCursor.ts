// Which Kubernetes object the cursor is in (pure; yaml parser only): the editor's context menu offers
// "Trace Packet from this Pod…" on a Pod, "Trace Packet from this workload…" on a Deployment (or
// another controller of pods), "Trace Packet to this Service…" on a Service and "Explain Policy" on a
// NetworkPolicy.
import type { Document } from 'yaml';
import { isMap, parseAllDocuments } from 'yaml';
import { isWorkloadKind, workloadRef } from '../../server/src/protocol/workloadKinds';

/** Larger documents are not scanned on every cursor move. */
const MAX_SCAN_LENGTH = 1_000_000;

export interface ObjectAtCursor {
  kind: string;
  /** `ns/name` (namespace `default` when not written). */
  key: string;
}

/** One YAML document of a text: where it lies, and the object it holds when that has a kind and a name. */
export interface DocumentSpan {
  start: number;
  end: number;
  object: ObjectAtCursor | undefined;
}

function namedObject(doc: Document.Parsed): ObjectAtCursor | undefined {
  if (!isMap(doc.contents)) return undefined;
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  const namespace = doc.getIn(['metadata', 'namespace']) ?? 'default';
  if (typeof kind !== 'string' || typeof name !== 'string' || !name || typeof namespace !== 'string')
    return undefined;
  return { kind, key: `${namespace}/${name}` };
}

/** The documents of a text (parsed once, asked at every cursor position while the text stays). */
export function documentSpans(text: string): DocumentSpan[] {
  if (text.length > MAX_SCAN_LENGTH) return [];
  const docs = parseAllDocuments(text, { prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  return docs.map((d) => ({ start: d.range[0], end: d.range[2], object: namedObject(d) }));
}

/** The object of the first document that contains `offset`. */
export function objectAt(spans: readonly DocumentSpan[], offset: number): ObjectAtCursor | undefined {
  return spans.find((d) => d.start <= offset && offset <= d.end)?.object;
}

/** The object whose YAML document contains `offset`, when it has a kind and a name. */
export function objectAtOffset(text: string, offset: number): ObjectAtCursor | undefined {
  return objectAt(documentSpans(text), offset);
}

/** `ns/name` of the Pod whose document contains `offset`, or undefined. */
export function podAtOffset(text: string, offset: number): string | undefined {
  const obj = objectAtOffset(text, offset);
  return obj?.kind === 'Pod' ? obj.key : undefined;
}

/**
 * The DNS name (`name.ns`) of the Service whose document contains `offset`, or undefined: a trace to
 * it looks the name up first, as the Service's clients do.
 */
export function serviceAtOffset(text: string, offset: number): string | undefined {
  const obj = objectAtOffset(text, offset);
  if (obj?.kind !== 'Service') return undefined;
  const [ns, name] = obj.key.split('/');
  return `${name}.${ns}`;
}

/** `deploy/ns/name` of the workload whose document contains `offset`, or undefined. */
export function workloadAtOffset(text: string, offset: number): string | undefined {
  const obj = objectAtOffset(text, offset);
  return obj && isWorkloadKind(obj.kind) ? workloadRef(obj.kind, obj.key) : undefined;
}
