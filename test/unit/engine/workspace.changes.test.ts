// What Workspace says each change changed (an editor's workspace tracks it): the text, what the file
// contributes to the topology, the model version, the findings; and the editor's bookkeeping the
// engine keeps (open versions, files too large to read, disk texts ignored while a file is open).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../server/src/engine/types';
import { Workspace } from '../../../server/src/engine/workspace';

const pod = (label: string, comment = '') =>
  `${comment}apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: ${label}\n`;
const TOO_LARGE: Finding = {
  file: '',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  severity: 'information',
  code: 'file-too-large',
  message: 'Not analysed: too large.',
};

interface Step {
  what: string;
  run(ws: Workspace): { text: boolean; topology: boolean; modelVersion: number };
  expect: { text: boolean; topology: boolean; modelVersion: number };
}

const STEPS: Step[] = [
  {
    what: 'a new file',
    run: (ws) => ws.setFile({ path: 'p.yaml', text: pod('a') }),
    expect: { text: true, topology: true, modelVersion: 1 },
  },
  {
    what: 'the same text',
    run: (ws) => ws.setFile({ path: 'p.yaml', text: pod('a') }),
    expect: { text: false, topology: false, modelVersion: 1 },
  },
  {
    what: 'a comment added on top',
    run: (ws) => ws.setFile({ path: 'p.yaml', text: pod('a', '# hi\n') }),
    expect: { text: true, topology: true, modelVersion: 2 },
  },
  {
    what: 'the comment edited (no line moves)',
    run: (ws) => ws.setFile({ path: 'p.yaml', text: pod('a', '# ho\n') }),
    expect: { text: true, topology: false, modelVersion: 2 },
  },
  {
    what: 'a label changed',
    run: (ws) => ws.setFile({ path: 'p.yaml', text: pod('b', '# ho\n') }),
    expect: { text: true, topology: true, modelVersion: 3 },
  },
  {
    what: 'a file without objects',
    run: (ws) => ws.setFile({ path: 'notes.yaml', text: '# notes\n' }),
    expect: { text: true, topology: false, modelVersion: 3 },
  },
  {
    what: 'that file removed',
    run: (ws) => ws.removeFile('notes.yaml'),
    expect: { text: true, topology: false, modelVersion: 3 },
  },
  {
    what: 'the pod file removed',
    run: (ws) => ws.removeFile('p.yaml'),
    expect: { text: true, topology: true, modelVersion: 4 },
  },
  {
    what: 'a file never set removed',
    run: (ws) => ws.removeFile('p.yaml'),
    expect: { text: false, topology: false, modelVersion: 4 },
  },
];

void test('Workspace.setFile and removeFile say what changed, and the model version follows', () => {
  const ws = new Workspace({}, { trackChanges: true });
  for (const step of STEPS) {
    const { text, topology, modelVersion } = step.run(ws);
    assert.deepEqual({ text, topology, modelVersion }, step.expect, step.what);
  }
});

void test('without change tracking, every change of text counts as a topology change', () => {
  const ws = new Workspace();
  ws.setFile({ path: 'p.yaml', text: pod('a', '# hi\n') });
  const change = ws.setFile({ path: 'p.yaml', text: pod('a', '# ho\n') });
  assert.deepEqual([change.text, change.topology, change.modelVersion], [true, true, 2]);
});

void test("a change's findings are the file's findings after it", () => {
  const ws = new Workspace({}, { trackChanges: true });
  const change = ws.setFile({
    path: 'p.yaml',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n',
  });
  assert.deepEqual(
    change.findings().map((f) => f.code),
    ws.findings('p.yaml').map((f) => f.code),
  );
  assert.ok(change.findings().some((f) => f.code === 'duplicate-key'));
});

void test('an open file: its version is kept, and disk texts, removal and skipping wait until it closes', () => {
  const ws = new Workspace({}, { trackChanges: true });
  ws.setOpenFile({ path: 'p.yaml', text: pod('a') }, 3);
  assert.equal(ws.openVersion('p.yaml'), 3);
  assert.equal(ws.setFile({ path: 'p.yaml', text: pod('disk') }).text, false);
  assert.equal(ws.removeFile('p.yaml').text, false);
  assert.equal(ws.skipFile('p.yaml', TOO_LARGE).text, false);
  assert.deepEqual(ws.findings('p.yaml'), [], 'the open text wins over the skipped finding');
  assert.equal(ws.topology().pods[0]?.labels['app'], 'a');
  ws.closeFile('p.yaml');
  assert.equal(ws.openVersion('p.yaml'), undefined);
  assert.deepEqual(ws.findings('p.yaml'), [{ ...TOO_LARGE, file: 'p.yaml' }]);
  assert.equal(ws.reportsWhenClosed('p.yaml'), true);
});

void test('a skipped file leaves the model and carries only its finding, until its text is read', () => {
  const ws = new Workspace({}, { trackChanges: true });
  ws.setFile({ path: 'p.yaml', text: pod('a') });
  const skipped = ws.skipFile('p.yaml', TOO_LARGE);
  assert.deepEqual([skipped.text, skipped.topology], [true, true]);
  assert.equal(ws.topology().pods.length, 0);
  assert.deepEqual(ws.findings('p.yaml'), [{ ...TOO_LARGE, file: 'p.yaml' }]);
  ws.setFile({ path: 'p.yaml', text: pod('a') });
  assert.deepEqual(ws.findings('p.yaml'), []);
  assert.equal(ws.reportsWhenClosed('p.yaml'), false);
});

void test("a policy's lints follow the other policies they read: one allowing DNS lifts egress-blocks-dns", () => {
  const H = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n';
  const a = `${H}  name: a\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector: {}\n`;
  const ingressOnly = `${H}  name: b\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`;
  const allowsDns = `${H}  name: b\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - ports:\n    - {protocol: UDP, port: 53}\n`;
  const codes = (ws: Workspace) => ws.findings('p.yaml').map((f) => f.code);
  const edited = new Workspace({}, { trackChanges: true });
  edited.setFile({ path: 'pods.yaml', text: pod('web') });
  edited.setOpenFile({ path: 'p.yaml', text: `${a}---\n${ingressOnly}` }, 1);
  assert.deepEqual(codes(edited), ['egress-blocks-dns', 'deny-all']);
  edited.setOpenFile({ path: 'p.yaml', text: `${a}---\n${allowsDns}` }, 2);
  const fresh = new Workspace({});
  fresh.setFile({ path: 'pods.yaml', text: pod('web') });
  fresh.setFile({ path: 'p.yaml', text: `${a}---\n${allowsDns}` });
  assert.deepEqual(codes(fresh), []);
  assert.deepEqual(codes(edited), codes(fresh));
  edited.setOpenFile({ path: 'p.yaml', text: `${a}---\n${ingressOnly}` }, 3);
  assert.deepEqual(codes(edited), ['egress-blocks-dns', 'deny-all']);
});
