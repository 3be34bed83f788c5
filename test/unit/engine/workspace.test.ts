// A workspace that follows a file through edits (chunks reused and moved, the cluster reused, lint
// results kept per chunk) must report what a new workspace reports for the same texts: findings of
// every file, lints included, and the topology.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { SourceFile } from '../../../server/src/engine/types';
import { Workspace } from '../../../server/src/engine/workspace';
import { seedSample } from '../../helpers/paths';
import { applyEdit, edit, multiDocument } from './workspace.oracle';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261129);
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 150);
const sample = (name: string): SourceFile => ({
  path: name,
  text: fs.readFileSync(seedSample(name), 'utf8'),
});
/** Other files: the cluster, its pods, and policies that the edited file may define again. */
const others = [sample('cluster.yaml'), sample('pods.yaml'), sample('seed-policies-fixed.yaml')];

function fresh(files: readonly SourceFile[]): Workspace {
  const ws = new Workspace();
  for (const f of files) ws.setFile(f);
  return ws;
}

function sameWorkspace(followed: Workspace, files: readonly SourceFile[]): void {
  const scratch = fresh(files);
  for (const f of files) assert.deepStrictEqual(followed.findings(f.path), scratch.findings(f.path), f.path);
  const [a, b] = [followed.topology(), scratch.topology()];
  assert.deepStrictEqual(
    { pods: a.pods, namespaces: a.namespaces, nodes: a.nodes, dataplane: a.dataplane },
    { pods: b.pods, namespaces: b.namespaces, nodes: b.nodes, dataplane: b.dataplane },
  );
  assert.deepStrictEqual(
    a.policies.map((p) => [p.namespace, p.name, p.source]),
    b.policies.map((p) => [p.namespace, p.name, p.source]),
  );
}

void describe('a workspace followed through edits', () => {
  void test('equals a new workspace with the same texts, for random edits of a file of policies', () => {
    fc.assert(
      fc.property(
        multiDocument,
        fc.array(edit, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (base, edits, open) => {
          const ws = new Workspace();
          for (const f of others) ws.setFile(f);
          if (open) ws.keepTrees('edited.yaml', true);
          let text = base;
          ws.setFile({ path: 'edited.yaml', text });
          for (const e of edits) {
            text = applyEdit(text, e);
            ws.setFile({ path: 'edited.yaml', text });
            sameWorkspace(ws, [...others, { path: 'edited.yaml', text }]);
          }
        },
      ),
      { seed, numRuns },
    );
  });

  void test('editing the pods changes the lints of an unchanged policy file', () => {
    const ws = fresh(others);
    const policies = 'seed-policies-fixed.yaml';
    assert.deepEqual(ws.findings(policies), []);
    const pods = others[1]!;
    const renamed = { ...pods, text: pods.text.replaceAll('role: db', 'role: database') };
    ws.setFile(renamed);
    const codes = ws.findings(policies).map((f) => f.code);
    assert.ok(codes.includes('policy-selects-nothing'), codes.join(', '));
    assert.deepStrictEqual(
      ws.findings(policies),
      fresh([others[0]!, renamed, others[2]!]).findings(policies),
    );
  });

  void test('a lint quoting a line of another definition follows that definition when it moves', () => {
    const policy = others[2]!.text.split(/^---\n/m).find((d) => d.includes('kind: NetworkPolicy'))!;
    const ws = fresh([...others, { path: 'a.yaml', text: policy }]);
    const before = ws.findings('a.yaml').find((f) => f.code === 'duplicate-policy')?.message ?? '';
    ws.setFile({ ...others[2]!, text: `# moved\n${others[2]!.text}` });
    const after = ws.findings('a.yaml').find((f) => f.code === 'duplicate-policy')?.message ?? '';
    assert.notEqual(before, '');
    assert.notEqual(after, before);
    assert.deepStrictEqual(
      ws.findings('a.yaml'),
      fresh([
        others[0]!,
        others[1]!,
        { ...others[2]!, text: `# moved\n${others[2]!.text}` },
        { path: 'a.yaml', text: policy },
      ]).findings('a.yaml'),
    );
  });
});
