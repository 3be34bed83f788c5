// State of one object's validation: where the walk is (the API server's field path and the enclosing
// maps), and the reporting of findings with their rule's severity and quick fixes.
import type { FindingSink } from '../parse/findingSink';
import type { ManifestObject } from '../parse/types';
import type { RuleInfo } from '../rules';
import type { Fix, RelatedLocation, TextEdit } from '../types';
import type { Span, YMap } from '../yamlTree';
import type { StructType } from './schema';
import { SourceText } from './source';

/** A map being walked and the struct type it decodes to. */
export interface Frame {
  map: YMap;
  type: StructType;
}

/**
 * How the user sends objects to the cluster: `kubectl apply` (the default) needs `metadata.name`;
 * `kubectl create` also accepts `metadata.generateName`.
 */
export type KubectlWorkflow = 'apply' | 'create';

export interface ValidationOptions {
  workflow?: KubectlWorkflow;
}

export interface ReportExtra {
  related?: { span: Span; message: string }[];
  fixes?: (Fix | undefined)[];
}

export class ValidationContext {
  readonly source: SourceText;
  /** The maps from the object's root down to the one being checked. */
  readonly frames: Frame[] = [];
  /** Set before a struct's checks run: the map held keys that are not fields (already reported). */
  hadUnknownFields = false;
  private readonly segments: (string | number)[] = [];
  private readonly reported = new Set<string>();

  constructor(
    readonly object: ManifestObject,
    private readonly sink: FindingSink,
    readonly options: ValidationOptions = {},
  ) {
    this.source = new SourceText(sink.lines);
  }

  get workflow(): KubectlWorkflow {
    return this.options.workflow ?? 'apply';
  }

  get root(): YMap {
    return this.object.node;
  }

  push(segment: string | number): void {
    this.segments.push(segment);
  }

  pop(): void {
    this.segments.pop();
  }

  /** The field path as the API server writes it, e.g. `spec.ingress[0].ports[0].endPort`. */
  path(...extra: (string | number)[]): string {
    let out = '';
    for (const s of extra.length ? this.segments.concat(extra) : this.segments) {
      if (typeof s === 'number') out += `[${s}]`;
      else out += out ? `.${s}` : s;
    }
    return out;
  }

  /** A node's first line: where a finding about a whole multi-line map or list is shown. */
  firstLine(n: Span): Span {
    return {
      start: n.start,
      end: Math.max(n.start, Math.min(n.end, this.source.lineEnd(this.source.lineOf(n.start)))),
    };
  }

  edit(span: Span, newText: string): TextEdit {
    return { range: this.sink.lines.range(span), newText };
  }

  fix(title: string, edits: TextEdit[] | undefined, preferred = true): Fix | undefined {
    if (!edits || edits.length === 0) return undefined;
    return preferred ? { title, edits, preferred } : { title, edits };
  }

  report(rule: RuleInfo, span: Span, message: string, extra: ReportExtra = {}): void {
    // An aliased node is reached once per alias: report each distinct problem at a place once.
    const key = `${rule.code}:${span.start}:${span.end}:${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const fixes = (extra.fixes ?? []).filter((f): f is Fix => f !== undefined);
    const related: RelatedLocation[] | undefined = extra.related?.map((r) => ({
      file: this.sink.file,
      range: this.sink.lines.range(r.span),
      message: r.message,
    }));
    this.sink.add(span, rule.severity, rule.code, message, {
      ...(related?.length ? { related } : {}),
      ...(fixes.length ? { fixes } : {}),
    });
  }
}
