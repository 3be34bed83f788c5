// Files whose YAML trees are not kept are summarised one chunk at a time; the summary must say what
// the full analysis says. The workspace keeps trees only for files with policies and open files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyseFile, hasTrees, summariseFile, summaryOf } from '../../../server/src/engine/analysis';
import { clusterOf } from '../../../server/src/engine/topology';
import { Workspace } from '../../../server/src/engine/workspace';
import { toJS } from '../../../server/src/engine/yamlTree';
import { seedSample } from '../../helpers/paths';
import { applyEdit, edit, fragments, multiDocument } from './workspace.oracle';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261128);
const numRuns = Number(process.env['FUZZ_RUNS'] ?? 300);
const sample = (name: string) => ({ path: name, text: fs.readFileSync(seedSample(name), 'utf8') });

void describe('summaries', () => {
  void test('a summary is what the full analysis keeps, for random (broken) files', () => {
    const text = fc.oneof(
      multiDocument,
      fragments,
      fc.tuple(multiDocument, edit).map(([t, e]) => applyEdit(t, e)),
    );
    fc.assert(
      fc.property(text, (t) => {
        const file = { path: 's.yaml', text: t };
        assert.deepStrictEqual(summariseFile(file), summaryOf(analyseFile(file)));
      }),
      { seed, numRuns },
    );
  });

  void test('a file too large is summarised with its one finding', () => {
    const file = { path: 'big.yaml', text: 'a: 1\n'.repeat(10) };
    const summary = summariseFile(file, { maxFileSize: 20 });
    assert.deepEqual(
      summary.findings.map((f) => f.code),
      ['file-too-large'],
    );
    assert.deepStrictEqual(summary, summaryOf(analyseFile(file, { maxFileSize: 20 })));
  });
});

void describe('which files keep their trees', () => {
  const cluster = sample('cluster.yaml');
  const pods = sample('pods.yaml');
  const policies = sample('seed-policies-fixed.yaml');

  void test('files with policies keep them; others keep findings and facts; open files keep them', () => {
    const ws = new Workspace();
    for (const f of [cluster, pods, policies]) ws.setFile(f);
    assert.equal(hasTrees(ws.summary('pods.yaml')!), false);
    assert.equal(hasTrees(ws.summary('cluster.yaml')!), false);
    assert.equal(hasTrees(ws.summary('seed-policies-fixed.yaml')!), true);
    ws.keepTrees('pods.yaml', true);
    const placed = clusterOf(ws.topology());
    ws.file('pods.yaml');
    assert.equal(hasTrees(ws.summary('pods.yaml')!), true);
    ws.setFile({ ...policies, text: `${policies.text}# edited\n` });
    assert.equal(clusterOf(ws.topology()), placed, 'same facts: the placed cluster is reused');
    ws.keepTrees('pods.yaml', false);
    assert.equal(hasTrees(ws.summary('pods.yaml')!), false);
    ws.keepTrees('cluster.yaml', true);
    ws.setFile({ path: 'cluster.yaml', text: `${sample('cluster.yaml').text}# edited\n` });
    assert.equal(hasTrees(ws.summary('cluster.yaml')!), true);
  });

  void test('the topology, findings and lints are the same whether trees are kept or not', () => {
    const lean = new Workspace();
    const kept = new Workspace();
    for (const f of [cluster, pods, policies]) {
      kept.keepTrees(f.path, true);
      lean.setFile(f);
      kept.setFile(f);
    }
    assert.deepStrictEqual(lean.topology().pods, kept.topology().pods);
    assert.deepStrictEqual(lean.topology().namespaces, kept.topology().namespaces);
    for (const f of [cluster, pods, policies])
      assert.deepStrictEqual(lean.findings(f.path), kept.findings(f.path));
  });

  void test('a file without trees is parsed again when asked for, one chunk for one object', () => {
    const ws = new Workspace();
    ws.setFile(pods);
    const db = pods.text.indexOf('name: db');
    const obj = ws.objectAt('pods.yaml', db);
    assert.equal(obj?.name, 'db');
    assert.deepEqual(
      toJS(obj!.node),
      toJS(analyseFile(pods).parsed.objects.find((o) => o.name === 'db')!.node),
    );
    assert.equal(ws.file('pods.yaml')!.parsed.objects.length, 3);
    assert.equal(hasTrees(ws.summary('pods.yaml')!), false);
  });

  void test('a policy the text does not name plainly is still found, and its file keeps its trees', () => {
    const escaped = policies.text.replace(/kind: NetworkPolicy/g, 'kind: "Network\\u0050olicy"');
    const ws = new Workspace();
    ws.setFile({ path: 'p.yaml', text: escaped });
    assert.equal(hasTrees(ws.summary('p.yaml')!), true);
    assert.ok(ws.topology().policies.length > 0);
  });
});
