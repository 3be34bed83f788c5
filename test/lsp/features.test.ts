// Hover, completion, CodeLens, document symbols and go-to-definition on the sample workspace.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, sampleWorkspace, uriOf } from './client';

let ws: string;
let client: LspClient;
let uri: string;
let text: string;

before(async () => {
  ws = sampleWorkspace({
    'team.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n    team: a\n',
  });
  client = await LspClient.start({ folders: [ws] });
  await client.waitForIndexed();
  uri = await client.open(path.join(ws, 'seed-policies-fixed.yaml'));
  text = client.textOf(uri);
  await client.waitForDiagnostics(uri);
});

after(async () => {
  assert.equal(await client.stop(), 0);
});

async function hoverText(
  needle: string,
  shift = 1,
  occurrence = 1,
  target = uri,
  source = text,
): Promise<string> {
  const h = await client.hover(target, positionOf(source, needle, shift, occurrence));
  assert.ok(h, `a hover at ${needle}`);
  return (h.contents as MarkupContent).value;
}

/** Runs `fn` with the document's text replaced, then restores it (even when `fn` fails). */
async function withText(edited: string, fn: () => Promise<void>): Promise<void> {
  const previous = client.textOf(uri);
  const v = await client.setText(uri, edited);
  await client.waitForDiagnostics(uri, (_, p) => p.version === v);
  try {
    await fn();
  } finally {
    const back = await client.setText(uri, previous);
    await client.waitForDiagnostics(uri, (_, p) => p.version === back);
  }
}

/** Markdown with code spans removed must hold no unescaped character Markdown or HTML would act on. */
function assertInert(markdown: string): void {
  const prose = markdown.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
  const stray = /(^|[^\\])[<>[\]&]/m.exec(prose.replace(/^- /gm, '').replace(/\*\*/g, ''));
  assert.equal(stray, null, `unescaped markup in ${JSON.stringify(markdown)}`);
}

void test("hover on the db policy's podSelector lists default/db with its node and IP", async () => {
  const md = await hoverText('podSelector', 2, 3);
  assert.match(md, /Matches 1 pod:/);
  assert.match(md, /`default\/db` on `node-2`, IP `10\.244\.1\.\d+`/);
  assert.doesNotMatch(md, /default\/backend|default\/web/);
  assertInert(md);
});

void test("hover on the db policy's peer lists backend", async () => {
  const md = await hoverText('- podSelector', 4, 2);
  assert.match(md, /ingress peer/);
  assert.match(md, /`default\/backend` on `node-1`, IP `10\.244\.0\.\d+`/);
  assert.doesNotMatch(md, /default\/db`/);
});

void test('hover on a label in a selector counts the pods that carry it', async () => {
  const md = await hoverText('role: db', 7);
  assert.equal(md, '**label** `role=db`: 1 pod in namespace `default`, 1 pod in the workspace');
  const key = await hoverText('app: myapp', 1, 2);
  assert.equal(key, '**label** `app`: 3 pods in namespace `default`, 3 pods in the workspace');
});

void test('a matchLabels key without a value matches the label value "" (as kubectl sends it), in every hover', async () => {
  const edited = text.replace('      role: db\n', '      role:\n');
  await withText(edited, async () => {
    const selector = await hoverText('podSelector', 2, 3, uri, edited);
    assert.match(selector, /Matches \*\*no pod\*\*: no pod in namespace default has label role=""\./);
    const label = await hoverText('role:\n', 1, 1, uri, edited);
    assert.equal(label, '**label** `role=""`: 0 pods in namespace `default`, 0 pods in the workspace');
  });
});

void test('hover on the policy kind or name explains the policy', async () => {
  const md = await hoverText('db-access-ingress', 2);
  assert.match(md, /^\*\*NetworkPolicy\*\* `default\/db-access-ingress`/);
  const onKind = await hoverText('kind', 1, 2);
  assert.equal(onKind, md);
});

void test('hover on a port says which selected pods serve it', async () => {
  const extra = `${text}\n  - ports:\n    - port: 5432\n    - port: postgres\n    - port: 80\n`;
  await withText(extra, async () => {
    const served = await hoverText('port: 5432', 7, 1, uri, extra);
    assert.match(served, /Served by 1 of 1 selected pod:/);
    assert.match(served, /`default\/db`: `postgres 5432\/TCP`/);
    const named = await hoverText('port: postgres', 7, 1, uri, extra);
    assert.match(named, /`default\/db`: `postgres 5432\/TCP`/);
    const none = await hoverText('port: 80', 7, 1, uri, extra);
    assert.match(none, /None of the 1 selected pod serves `TCP 80`/);
  });
});

void test('hover on a selector matching nothing gives the reason; hostile values render as text', async () => {
  const hostile = text.replace('role: db', 'role: "<img src=x onerror=alert(1)> *a* [l](u) `c`"');
  await withText(hostile, async () => {
    const md = await hoverText('podSelector', 2, 3, uri, hostile);
    assert.ok(
      md.endsWith(
        'Matches **no pod**: no pod in namespace default has label role=\\<img src=x onerror=alert(1)\\> \\*a\\* \\[l\\](u) \\`c\\`.',
      ),
      md,
    );
    assertInert(md);
  });
});

void test('completion inside matchLabels offers the label keys, then the values of the key', async () => {
  const edited = text.replace('      role: db\n', '      role: db\n      \n');
  await withText(edited, async () => {
    const keyAt = positionOf(edited, '      role: db\n      \n', '      role: db\n      '.length);
    const keys = await client.completion(uri, keyAt);
    assert.deepEqual(keys.map((k) => k.label).sort(), ['app', 'role']);
    assert.deepEqual(keys.find((k) => k.label === 'role')?.textEdit, {
      range: { start: keyAt, end: keyAt },
      newText: 'role: ',
    });
    const valueAt = positionOf(edited, '          role: backend', '          role: '.length);
    const values = await client.completion(uri, valueAt);
    assert.deepEqual(values.map((k) => k.label).sort(), ['backend', 'db', 'web']);
    assert.equal(values.find((k) => k.label === 'backend')?.detail, 'role=backend on 1 pod');
  });
});

void test('completion offers the NetworkPolicy fields valid at the cursor and the closed value sets', async () => {
  const typed = [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: typing',
    'spec:',
    '  podSelector: {}',
    '  ',
    '  policyTypes:',
    '  - ',
    '  egress:',
    '  - ports:',
    '    - protocol: ',
    '    to:',
    '    - ',
    '    - namespaceSelector:',
    '        matchExpressions:',
    '        - key: kubernetes.io/metadata.name',
    '          operator: ',
    '          values:',
    '          - ',
    '',
  ].join('\n');
  const doc = await client.open(path.join(ws, 'typing.yaml'), typed);
  const labels = async (line: number, character: number) =>
    (await client.completion(doc, { line, character })).map((c) => c.label);
  try {
    assert.deepEqual(await labels(6, 2), ['ingress'], 'the spec fields not written yet');
    assert.deepEqual(await labels(8, 4), ['Ingress', 'Egress']);
    assert.deepEqual(await labels(11, 16), ['TCP', 'UDP', 'SCTP']);
    assert.deepEqual(await labels(13, 6), ['podSelector', 'namespaceSelector', 'ipBlock']);
    assert.deepEqual(await labels(17, 20), ['In', 'NotIn', 'Exists', 'DoesNotExist']);
    assert.deepEqual(await labels(19, 12), ['default', 'team-a']);
    const snippet = (await client.completion(doc, { line: 13, character: 6 }))[0]!;
    assert.deepEqual([snippet.insertTextFormat, snippet.textEdit?.newText], [2, 'podSelector:\n  $0']);
  } finally {
    await client.close(doc);
  }
});

void test('no completion in a file that is not a Kubernetes manifest', async () => {
  const other = path.join(ws, 'compose.yaml');
  const body = 'services:\n  web:\n    labels:\n      matchLabels:\n        \n';
  const compose = await client.open(other, body);
  assert.deepEqual(await client.completion(compose, { line: 4, character: 8 }), []);
  await client.close(compose);
});

void test('a CodeLens above each policy: pods selected and peers, running netpolLens.explainPolicy', async () => {
  const lenses = await client.codeLenses(uri);
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
    [
      [2, 'selects 1 pod · ingress from 1 pod', 'netpolLens.explainPolicy'],
      [18, 'selects 1 pod · ingress from 1 pod', 'netpolLens.explainPolicy'],
    ],
  );
  assert.deepEqual(lenses[1]!.command!.arguments, [{ uri, position: { line: 18, character: 0 } }]);
});

void test('document symbols: policies with their pod selector and rules', async () => {
  const symbols = await client.symbols(uri);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.detail, s.children?.map((c) => `${c.name}: ${c.detail}`)]),
    [
      [
        'backend-access-ingress',
        'NetworkPolicy',
        [
          'podSelector: app=myapp, role=backend',
          'ingress rule 1: from pods app=myapp, role=web in namespace default on every port',
        ],
      ],
      [
        'db-access-ingress',
        'NetworkPolicy',
        [
          'podSelector: app=myapp, role=db',
          'ingress rule 1: from pods app=myapp, role=backend in namespace default on every port',
        ],
      ],
    ],
  );
  assert.equal(symbols[1]!.range.start.line, 18);
  assert.deepEqual(symbols[1]!.selectionRange.start, { line: 21, character: 8 });
});

void test('go to definition from a selector label to the pods that carry it', async () => {
  const pods = uriOf(path.join(ws, 'pods.yaml'));
  const db = await client.definition(uri, positionOf(text, 'role: db', 7));
  assert.deepEqual(db, [
    { uri: pods, range: { start: { line: 38, character: 4 }, end: { line: 38, character: 12 } } },
  ]);
  const app = await client.definition(uri, positionOf(text, 'app: myapp', 1, 2));
  assert.deepEqual(
    app.map((l) => [l.uri, l.range.start.line]),
    [
      [pods, 5],
      [pods, 21],
      [pods, 37],
    ],
  );
});

void test('namespaceSelector: hover gives the reason for no pod; definition goes to the namespace', async () => {
  const peer = '    - namespaceSelector:\n        matchLabels:\n          team: a\n';
  const edited = text.replace(
    '    - podSelector:\n        matchLabels:\n          app: myapp\n          role: backend\n',
    peer,
  );
  await withText(edited, async () => {
    const md = await hoverText('namespaceSelector', 2, 1, uri, edited);
    assert.ok(md.endsWith('Matches **no pod**: namespace team-a has no pods.'), md);
    const missing = edited.replace('team: a', 'team: b');
    await withText(missing, async () => {
      const none = await hoverText('namespaceSelector', 2, 1, uri, missing);
      assert.ok(none.endsWith('Matches **no pod**: no namespace has label team=b.'), none);
    });
    const defs = await client.definition(uri, positionOf(edited, 'team: a', 1));
    const team = uriOf(path.join(ws, 'team.yaml'));
    assert.deepEqual(defs, [
      { uri: team, range: { start: { line: 5, character: 4 }, end: { line: 5, character: 11 } } },
    ]);
    const byName = edited.replace('team: a', 'kubernetes.io/metadata.name: team-a');
    await withText(byName, async () => {
      const named = await client.definition(uri, positionOf(byName, 'metadata.name: team-a', 2));
      assert.deepEqual(named, [
        { uri: team, range: { start: { line: 3, character: 8 }, end: { line: 3, character: 14 } } },
      ]);
    });
  });
});
