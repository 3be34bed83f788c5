// An edit being built: text edits of existing policies (in each file's own style, by the YAML edit
// helpers the quick fixes use) and new policies, appended as documents to the file that already holds
// their namespace's policies.
import { YamlEditor } from '../lint/yamlEdit';
import type { Labels, NetworkPolicy, Pod } from '../model';
import { podKey } from '../model';
import { podsInNamespace } from '../topology';
import type { TextEdit } from '../types';
import type { Workspace } from '../workspace';
import type { YMap, YNode, YSeq } from '../yamlTree';
import { isMap, isSeq, pairOf, valueOf } from '../yamlTree';
import type { Endpoint, FileEdit } from './types';

type Json = Record<string, unknown>;

export class EditPlan {
  private readonly edits = new Map<string, TextEdit[]>();
  private readonly docs = new Map<string, Json[]>();
  private readonly names = new Set<string>();
  readonly steps: string[] = [];
  /** The labels written to select pods, with the pods they were meant for. */
  private readonly selections: { namespace: string; labels: Labels; own: readonly Pod[] }[] = [];

  constructor(readonly workspace: Workspace) {}

  /** The editor of a policy's YAML (its file's style), and its spec. */
  editorOf(policy: NetworkPolicy): { edit: YamlEditor; spec: YMap } | undefined {
    const parsed = this.workspace.file(policy.source.file)?.parsed;
    const spec = valueOf(policy.object.node, 'spec');
    if (!parsed || !isMap(spec)) return undefined;
    return { edit: new YamlEditor(parsed, policy.object.node), spec };
  }

  /** Notes that `labels` were written to select the pods of an endpoint. */
  selects(e: Endpoint, labels: Labels): void {
    if (e.kind === 'pods') this.selections.push({ namespace: e.namespace, labels, own: e.pods });
  }

  /** Pods the labels written select beyond the ones they were meant for (`ns/name`, sorted). */
  widened(): string[] {
    const out = new Set<string>();
    for (const s of this.selections) {
      const own = new Set(s.own);
      for (const p of podsInNamespace(this.workspace.topology(), s.namespace))
        if (!own.has(p) && Object.entries(s.labels).every(([k, v]) => p.labels[k] === v)) out.add(podKey(p));
    }
    return [...out].sort();
  }

  add(file: string, edit: TextEdit, step: string): void {
    const list = this.edits.get(file) ?? [];
    list.push(edit);
    this.edits.set(file, list);
    if (step) this.steps.push(step);
  }

  /**
   * Adds a new policy to the file holding most of its namespace's policies (else the file of the
   * pods it is for); false when no YAML file can take it.
   */
  addPolicy(
    namespace: string,
    base: string,
    spec: Json,
    near: readonly Pod[],
    step: string,
  ): string | undefined {
    const file = this.fileFor(namespace, near);
    if (!file) return undefined;
    const name = this.uniqueName(namespace, base);
    const doc = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace },
      spec,
    };
    const list = this.docs.get(file) ?? [];
    list.push(doc);
    this.docs.set(file, list);
    this.steps.push(step.replace('{name}', `${namespace}/${name}`));
    return name;
  }

  /** How many new policies the edit adds. */
  addedPolicies(): number {
    return [...this.docs.values()].reduce((n, docs) => n + docs.length, 0);
  }

  files(): FileEdit[] {
    const out = new Map(this.edits);
    for (const [file, docs] of this.docs) {
      const edit = this.fileEditor(file)?.appendDocuments(docs);
      if (edit) out.set(file, [...(out.get(file) ?? []), edit]);
    }
    return [...out].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, edits]) => ({ file, edits }));
  }

  private fileEditor(file: string): YamlEditor | undefined {
    const parsed = this.workspace.file(file)?.parsed;
    const root = parsed?.objects[0]?.node;
    return parsed && root ? new YamlEditor(parsed, root) : undefined;
  }

  private fileFor(namespace: string, near: readonly Pod[]): string | undefined {
    const counts = new Map<string, number>();
    for (const p of this.workspace.topology().policies)
      if (p.namespace === namespace) counts.set(p.source.file, (counts.get(p.source.file) ?? 0) + 1);
    const ranked = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).map(([f]) => f);
    const candidates = [...ranked, ...near.map((p) => p.source.file), ...this.workspace.paths()];
    return candidates.find((f) => this.takesDocuments(f));
  }

  private takesDocuments(file: string): boolean {
    return !/\.json$/i.test(file) && this.workspace.file(file)?.parsed.objects[0] !== undefined;
  }

  private uniqueName(namespace: string, base: string): string {
    const taken = new Set(
      this.workspace
        .topology()
        .policies.filter((p) => p.namespace === namespace)
        .map((p) => p.name),
    );
    let name = base;
    for (let i = 2; taken.has(name) || this.names.has(`${namespace}/${name}`); i++) name = `${base}-${i}`;
    this.names.add(`${namespace}/${name}`);
    return name;
  }
}

/** The list of rules of one direction of a policy, and the item holding one rule (by its source). */
export function ruleItem(
  spec: YMap,
  key: 'ingress' | 'egress',
  start: number,
): { seq: YSeq; index: number; node: YNode } | undefined {
  const seq = pairOf(spec, key)?.value;
  if (!isSeq(seq)) return undefined;
  const index = seq.items.findIndex((n) => n.start === start);
  return index < 0 ? undefined : { seq, index, node: seq.items[index]! };
}
