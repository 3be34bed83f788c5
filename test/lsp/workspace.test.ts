// The workspace model: indexing with progress, watched files, open text over disk text, workspace
// folders added and removed, and the netpolLens.* settings.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol/node';
import { TopologyRequestType, TraceRequestType } from '../../server/src/protocol/requests';
import type { Trace } from '../../server/src/engine/dataplane/types';
import { LspClient, positionOf, sampleWorkspace, uriOf } from './client';

const pod = (name: string, role: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: myapp\n    role: ${role}\nspec:\n  containers:\n    - name: c\n      image: x\n`;

async function podKeys(client: LspClient): Promise<string[]> {
  return (await client.connection.sendRequest(TopologyRequestType, undefined)).pods.map((p) => p.key).sort();
}

async function waitForPods(client: LspClient, expected: string[]): Promise<void> {
  let last: string[] = [];
  const deadline = Date.now() + 10_000;
  while (JSON.stringify((last = await podKeys(client))) !== JSON.stringify(expected)) {
    if (Date.now() > deadline) assert.deepEqual(last, expected);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const SAMPLE_PODS = ['default/backend', 'default/db', 'default/web'];

async function withClient(
  options: Parameters<typeof LspClient.start>[0],
  fn: (c: LspClient) => Promise<void>,
) {
  const client = await LspClient.start(options);
  try {
    await fn(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
}

void test('indexing reports work-done progress and registers file watchers', async () => {
  const ws = sampleWorkspace({
    'node_modules/x/pod.yaml': pod('hidden', 'db'),
    '.git/pod.yaml': pod('dot', 'db'),
  });
  await withClient({ folders: [ws] }, async (client) => {
    await client.waitForIndexed();
    assert.deepEqual(
      client.progress.map((p) => p.kind).filter((k, i, all) => k !== 'report' || all[i - 1] !== 'report'),
      ['begin', 'report', 'end'],
    );
    assert.deepEqual(await podKeys(client), SAMPLE_PODS, 'node_modules and dot-folders are skipped');
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, { watchers: [{ globPattern: '**/*.{yaml,yml,json}' }] });
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });
});

void test('watched files: a created file joins the topology, a deleted one leaves it', async () => {
  const ws = sampleWorkspace();
  await withClient({ folders: [ws] }, async (client) => {
    await client.waitForIndexed();
    const file = path.join(ws, 'more', 'db2.yaml');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, pod('db2', 'db'));
    await client.filesChanged([{ uri: uriOf(file), type: FileChangeType.Created }]);
    await waitForPods(client, ['default/backend', 'default/db', 'default/db2', 'default/web']);
    fs.rmSync(path.dirname(file), { recursive: true });
    await client.filesChanged([{ uri: uriOf(path.dirname(file)), type: FileChangeType.Deleted }]);
    await waitForPods(client, SAMPLE_PODS);
  });
});

void test('an open document wins over the disk; closing it reverts to the disk', async () => {
  const ws = sampleWorkspace();
  await withClient({ folders: [ws] }, async (client) => {
    await client.waitForIndexed();
    const file = path.join(ws, 'pods.yaml');
    const uri = await client.open(file, fs.readFileSync(file, 'utf8').replace('name: web', 'name: web-open'));
    await waitForPods(client, ['default/backend', 'default/db', 'default/web-open']);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: web', 'name: web-disk'));
    await client.filesChanged([{ uri, type: FileChangeType.Changed }]);
    await client.waitFor(() => client.latest(uri) !== undefined);
    assert.deepEqual(await podKeys(client), ['default/backend', 'default/db', 'default/web-open']);
    await client.close(uri);
    await waitForPods(client, ['default/backend', 'default/db', 'default/web-disk']);
  });
});

void test('a document outside the workspace counts while open and leaves the model when closed', async () => {
  const ws = sampleWorkspace();
  const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-outside-')), 'extra.yaml');
  await withClient({ folders: [ws] }, async (client) => {
    await client.waitForIndexed();
    const uri = await client.open(outside, pod('visitor', 'db'));
    await waitForPods(client, ['default/backend', 'default/db', 'default/visitor', 'default/web']);
    await client.close(uri);
    await waitForPods(client, SAMPLE_PODS);
  });
});

void test('workspace folders added and removed', async () => {
  const a = sampleWorkspace();
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-folder-'));
  fs.writeFileSync(path.join(b, 'pods.yaml'), pod('cache', 'cache'));
  await withClient({ folders: [a] }, async (client) => {
    await client.waitForIndexed();
    const folder = { uri: uriOf(b), name: 'b' };
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [folder], removed: [] },
    });
    await waitForPods(client, ['default/backend', 'default/cache', 'default/db', 'default/web']);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [], removed: [folder] },
    });
    await waitForPods(client, SAMPLE_PODS);
  });
});

void test('settings: policyEnforcement off models plain flannel; nodeCount synthesises nodes', async () => {
  const ws = sampleWorkspace();
  fs.rmSync(path.join(ws, 'cluster.yaml'));
  await withClient({ folders: [ws], settings: { nodeCount: 3 } }, async (client) => {
    await client.waitForIndexed();
    const t = await client.connection.sendRequest(TopologyRequestType, undefined);
    assert.deepEqual(
      t.nodes.map((n) => [n.name, n.synthesized]),
      [
        ['node-1', true],
        ['node-2', true],
        ['node-3', true],
      ],
    );
    const request = { from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' as const };
    assert.equal(
      ((await client.connection.sendRequest(TraceRequestType, request)) as Trace).verdict,
      'dropped',
    );
    const before = client.modelVersions.length;
    await client.changeSettings({ nodeCount: 3, policyEnforcement: 'off' });
    await client.waitFor(() => client.modelVersions.length > before);
    const plain = (await client.connection.sendRequest(TraceRequestType, request)) as Trace;
    assert.deepEqual(
      [plain.verdict, plain.enforcement, plain.wouldDrop?.policies],
      ['delivered', false, ['default/db-access-ingress']],
    );
  });
});

void test('settings: maxFileSize skips larger files with an information diagnostic', async () => {
  const ws = sampleWorkspace();
  await withClient({ folders: [ws], settings: { maxFileSize: 300 } }, async (client) => {
    const uri = uriOf(path.join(ws, 'seed-policies-fixed.yaml'));
    const [d, ...rest] = await client.waitForDiagnostics(uri, (ds) => ds.length > 0);
    assert.equal(rest.length, 0);
    assert.deepEqual([d!.severity, d!.code, d!.source], [3, 'file-too-large', 'netpol-lens']);
    assert.match(String(d!.message), /netpolLens\.maxFileSize/);
    await client.waitForIndexed();
    assert.deepEqual(await podKeys(client), []);
    await client.changeSettings({});
    await client.waitForDiagnostics(uri, (ds) => ds.length === 0);
    await waitForPods(client, SAMPLE_PODS);
  });
});

void test('settings: extraTopologyPaths feed the topology only, and only inside the configured paths', async () => {
  const ws = sampleWorkspace();
  const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-extra-'));
  const secret = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-secret-'));
  fs.writeFileSync(path.join(extra, 'pods.yaml'), pod('external', 'db'));
  fs.writeFileSync(path.join(extra, 'broken.yaml'), 'kind: Pod\nkind: Pod\n');
  fs.writeFileSync(path.join(secret, 'pods.yaml'), pod('secret', 'db'));
  fs.symlinkSync(secret, path.join(extra, 'link'));
  fs.symlinkSync(secret, path.join(ws, 'link'));
  await withClient({ folders: [ws] }, async (client) => {
    await client.waitForIndexed();
    assert.deepEqual(await podKeys(client), SAMPLE_PODS, 'a link out of the workspace is not followed');
    await client.changeSettings({ extraTopologyPaths: [extra] });
    await waitForPods(client, ['default/backend', 'default/db', 'default/external', 'default/web']);
    assert.equal(
      client.latest(uriOf(path.join(extra, 'broken.yaml'))),
      undefined,
      'no diagnostics for extra paths',
    );
    const uri = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
    const text = client.textOf(uri);
    const h = await client.hover(uri, positionOf(text, 'podSelector', 2, 3));
    assert.match((h?.contents as MarkupContent).value, /Matches 2 pods/);
    await client.changeSettings({});
    await waitForPods(client, SAMPLE_PODS);
  });
});

void test('whole-cluster requests sent right after start wait for the first index', async () => {
  await withClient({ folders: [sampleWorkspace()] }, async (client) => {
    assert.deepEqual(await podKeys(client), SAMPLE_PODS);
  });
});

void test('an untrusted workspace reads nothing outside its folders (extraTopologyPaths ignored)', async () => {
  const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-extra-'));
  fs.writeFileSync(path.join(extra, 'pods.yaml'), pod('external', 'db'));
  const options = { folders: [sampleWorkspace()], settings: { extraTopologyPaths: [extra] } };
  await withClient({ ...options, initializationOptions: { workspaceTrusted: false } }, async (client) => {
    assert.deepEqual(await podKeys(client), SAMPLE_PODS);
  });
  await withClient(options, async (client) => {
    assert.deepEqual(await podKeys(client), [...SAMPLE_PODS, 'default/external'].sort());
  });
});

void test('an edit of the pods re-publishes the lints of policy files that depend on them', async () => {
  const ws = sampleWorkspace();
  await withClient({ folders: [ws] }, async (client) => {
    await client.waitForIndexed();
    const policies = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
    const closed = uriOf(path.join(ws, 'seed-policies-as-written.yaml'));
    assert.deepEqual(await client.waitForDiagnostics(policies), []);
    const pods = await client.open(path.join(ws, 'pods.yaml'));
    const text = client.textOf(pods);
    await client.setText(pods, text.replace('role: db', 'role: database'));
    const [lint, ...rest] = await client.waitForDiagnostics(policies, (d) => d.length > 0);
    assert.equal(rest.length, 0);
    assert.deepEqual([lint!.code, lint!.severity, lint!.range.start.line], ['policy-selects-nothing', 2, 24]);
    assert.match(String(lint!.message), /role=db/);
    assert.equal(client.latest(policies)?.version, 1, 'published again for the same version');
    await client.waitForDiagnostics(closed, (d) => d.some((x) => x.code === 'missing-document-separator'));
    await client.setText(pods, text);
    await client.waitForDiagnostics(policies, (d) => d.length === 0);
  });
});

void test('settings: lint severities change or silence a lint; enforcement off adds policy-not-enforced', async () => {
  const ws = sampleWorkspace();
  fs.writeFileSync(
    path.join(ws, 'seed-policies-fixed.yaml'),
    fs.readFileSync(path.join(ws, 'seed-policies-fixed.yaml'), 'utf8').replace('role: db', 'role: nothing'),
  );
  const uri = uriOf(path.join(ws, 'seed-policies-fixed.yaml'));
  const codes = (d: { code?: string | number; severity?: number }[]) =>
    d.map((x) => `${x.code}:${x.severity}`).sort();
  await withClient({ folders: [ws] }, async (client) => {
    assert.deepEqual(codes(await client.waitForDiagnostics(uri, (d) => d.length > 0)), [
      'policy-selects-nothing:2',
    ]);
    await client.changeSettings({ lint: { 'policy-selects-nothing': 'error' } });
    await client.waitForDiagnostics(uri, (d) => codes(d).join() === 'policy-selects-nothing:1');
    await client.changeSettings({ lint: { 'policy-selects-nothing': 'off' } });
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    await client.changeSettings({ lint: { 'policy-selects-nothing': 'off' }, policyEnforcement: 'off' });
    const off = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(codes(off), ['policy-not-enforced:3', 'policy-not-enforced:3']);
  });
});

void test('hover lists the first 20 pods a selector matches, then how many more', async () => {
  const deployment = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: replicas',
    'spec:',
    '  replicas: 25',
    '  selector:',
    '    matchLabels:',
    '      role: db',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: myapp',
    '        role: db',
    '    spec:',
    '      containers:',
    '        - name: postgres',
    '          image: postgres:17',
    '',
  ].join('\n');
  const ws = sampleWorkspace({ 'deployment.yaml': deployment });
  await withClient({ folders: [ws] }, async (client) => {
    await client.waitForIndexed();
    const uri = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
    const h = await client.hover(uri, positionOf(client.textOf(uri), 'podSelector', 2, 3));
    const md = (h?.contents as MarkupContent).value;
    assert.match(md, /Matches 26 pods:/);
    assert.equal(md.split('\n').filter((l) => l.startsWith('- `default/')).length, 20);
    assert.ok(md.endsWith('\n- and 6 more'), md);
    const defs = await client.definition(uri, positionOf(client.textOf(uri), 'role: db', 7));
    assert.deepEqual(
      defs.map((d) => [path.basename(d.uri), d.range.start.line]).sort(),
      [
        ['deployment.yaml', 13],
        ['pods.yaml', 38],
      ],
      'one location per source: the template label, the pod label',
    );
  });
});
