// What every lint sees: one accepted NetworkPolicy of a file, its model, the topology, and helpers
// to find YAML nodes, report findings and point at other places.
import type { FindingSink } from '../parse/findingSink';
import type { ManifestObject, ParsedFile } from '../parse/types';
import type { NetworkPolicy, Pod, SourceRef, Topology } from '../model';
import type { RuleInfo } from '../rules';
import type { Finding, Range, RelatedLocation } from '../types';
import type { Span, YMap, YNode, YPair } from '../yamlTree';
import { isMap, pairOf, valueOf } from '../yamlTree';
import { YamlEditor } from './yamlEdit';

export interface LintOptions {
  enforcement: boolean;
  /** Converts a source reference in another file to a range (the workspace knows every file's lines). */
  locate?: (ref: SourceRef) => Range | undefined;
}

export interface LintContext {
  file: ParsedFile;
  sink: FindingSink;
  obj: ManifestObject;
  policy: NetworkPolicy;
  topology: Topology;
  options: LintOptions;
  edit: YamlEditor;
  /** The pods the policy selects (computed once per policy). */
  selected(): readonly Pod[];
}

export interface Lint {
  info: RuleInfo;
  check(ctx: LintContext): void;
}

export function report(
  ctx: LintContext,
  lint: Lint,
  at: Span,
  message: string,
  extra: Partial<Finding> = {},
): void {
  const { related, fixes, ...rest } = extra;
  // Block nodes end after their line break; a range should end on the last character written.
  let end = at.end;
  while (end > at.start && /\s/.test(ctx.file.text[end - 1]!)) end--;
  ctx.sink.add({ start: at.start, end }, lint.info.severity, lint.info.code, message, {
    ...rest,
    ...(related?.length ? { related } : {}),
    ...(fixes?.length ? { fixes } : {}),
  });
}

/** Where a finding about the whole policy goes: its name, else its generateName (kubectl create). */
export function nameNode(obj: ManifestObject): YNode | YMap {
  const meta = valueOf(obj.node, 'metadata');
  return valueOf(meta, 'name') ?? valueOf(meta, 'generateName') ?? obj.node;
}

export function specOf(obj: ManifestObject): YMap | undefined {
  const spec = valueOf(obj.node, 'spec');
  return isMap(spec) ? spec : undefined;
}

export function specPair(obj: ManifestObject, key: string): YPair | undefined {
  return pairOf(specOf(obj), key);
}

/** The node of the object whose span is exactly `span` (model elements keep their node's span). */
export function nodeAt(root: YNode, span: Span): YNode | undefined {
  let cur: YNode | undefined = root;
  while (cur) {
    if (cur.start === span.start && cur.end === span.end) return cur;
    cur = childAround(cur, span);
  }
  return undefined;
}

/** The first child (a map's value, a list's item) that contains `span`; every lint asks, so no arrays are built. */
function childAround(n: YNode, span: Span): YNode | undefined {
  if (n.kind === 'map') {
    for (const p of n.pairs) if (p.value && contains(p.value, span)) return p.value;
  } else if (n.kind === 'seq') {
    for (const it of n.items) if (contains(it, span)) return it;
  }
  return undefined;
}

function contains(n: YNode, span: Span): boolean {
  return n.start <= span.start && n.end >= span.end;
}

/** The value of `key` in the map written at `ref`'s span. */
export function valueAt(ctx: LintContext, ref: SourceRef | undefined, key: string): YNode | undefined {
  const node = ref ? nodeAt(ctx.obj.node, ref.span) : undefined;
  return valueOf(node, key);
}

/** The range of a source reference in this file or (when the workspace can locate it) another. */
function rangeOf(ctx: LintContext, ref: SourceRef): Range | undefined {
  return ref.file === ctx.file.path ? ctx.file.lines.range(ref.span) : ctx.options.locate?.(ref);
}

/** A related location, in this file or (when the workspace can locate it) another. */
export function relatedAt(ctx: LintContext, ref: SourceRef | undefined, message: string): RelatedLocation[] {
  if (!ref) return [];
  const range = rangeOf(ctx, ref);
  return range ? [{ file: ref.file, range, message }] : [];
}

/** Lints that compare a policy with the pods only make sense when the workspace describes some. */
export const describesPods = (t: Topology): boolean => t.pods.length > 0;

export function lineOf(ctx: LintContext, ref: SourceRef): string {
  const range = rangeOf(ctx, ref);
  // A message quoting a line is not moved with its policy when lines are inserted above (lint/index.ts).
  if (range) ctx.sink.quotesLines = true;
  const name = shortName(ref.file, ctx.file.path);
  return range ? `${name}:${range.start.line + 1}` : name;
}

/**
 * Another file named for a message: its path below the folder both files share, so an editor's
 * `file:///home/…/team-b/policies.yaml` reads `team-b/policies.yaml` (the related location links it).
 */
export function shortName(file: string, from: string): string {
  const a = file.split('/');
  const b = from.split('/');
  let common = 0;
  while (common < a.length - 1 && common < b.length - 1 && a[common] === b[common]) common++;
  return a.slice(common).map(decodeSegment).join('/');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
