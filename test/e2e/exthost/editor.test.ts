// The extension in the real extension host, through the real `vscode` API, on a fresh copy of
// samples/seed/ (the tests after the quick fixes work on the fixed file, as the demo's user does). The CLI (same engine) is the oracle: what the editor shows must agree with it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ViewMatrix } from '../../../server/src/protocol/requests';
import {
  checkWorkspace,
  cliJson,
  codeOf,
  EXTENSION_ID,
  hoverMarkdown,
  openFile,
  ourDiagnostics,
  relativeMessage,
  waitFor,
  webviewTabs,
  workspaceDir,
} from './support';

interface CliFinding {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
}
interface CliTrace {
  verdict: string;
  hops: { step: string | null; device: string }[];
  drop: { policies: string[] } | null;
  nodes: { name: string; pods: { key: string; ip: string }[] }[];
}
interface CliMatrix {
  pods: string[];
  allowed: [string, string][];
}

const cliTrace = (from: string, to: string) =>
  cliJson<CliTrace>([
    'trace',
    workspaceDir(),
    '--from',
    from,
    '--to',
    to,
    '--port',
    '5432',
    '--protocol',
    'TCP',
  ]);

const SEVERITY: Record<CliFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The editor's diagnostics of a document in the CLI's JSON shape (severity as vscode's enum). */
const diagnosticsAsCli = (doc: vscode.TextDocument) =>
  ourDiagnostics(doc.uri)
    .sort(byPosition)
    .map((d) => ({
      range: {
        start: { line: d.range.start.line, character: d.range.start.character },
        end: { line: d.range.end.line, character: d.range.end.character },
      },
      severity: d.severity,
      code: codeOf(d),
      message: relativeMessage(d),
    }));

/** The CLI's findings for one file of the workspace (optionally with that file's text replaced). */
function cliFindings(name: string, text?: string) {
  return checkWorkspace<CliFinding & { file: string }>(text === undefined ? {} : { [name]: text })
    .filter((f) => f.file === name)
    .map(({ range, severity, code, message }) => ({ range, severity: SEVERITY[severity], code, message }));
}

const byPosition = (a: { range: vscode.Range }, b: { range: vscode.Range }) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

suite('NetworkPolicy Lens in the extension host', () => {
  const broken = 'seed-policies-as-written.yaml';

  suiteSetup(async () => {
    await openFile(broken);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    await waitFor('the extension to activate', () => ext.isActive);
  });

  test('diagnostics of the seed file: the two errors, exactly as the CLI reports them', async () => {
    const doc = await openFile(broken);
    const diags = await waitFor('diagnostics on the seed file', () => {
      const d = ourDiagnostics(doc.uri);
      return d.length > 0 && d;
    });
    const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      errors.map((d) => [d.range.start.line + 1, codeOf(d)]),
      [
        [16, 'missing-document-separator'],
        [25, 'misplaced-field'],
      ],
    );
    assert.deepEqual(diagnosticsAsCli(doc), cliFindings(broken));
  });

  test('code actions: the two quick fixes leave no diagnostic at all, as the CLI finds', async () => {
    const doc = await openFile(broken);
    await waitFor('diagnostics on the seed file', () => ourDiagnostics(doc.uri).length > 0);
    const errors = () =>
      ourDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    const snapshot = () => JSON.stringify(diagnosticsAsCli(doc));
    for (let round = 1; errors().length > 0; round++) {
      assert.ok(round <= 2, `the quick fixes keep leaving errors: ${snapshot()}`);
      const [first] = errors().sort(byPosition);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        first!.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.isPreferred && a.edit) ?? actions.find((a) => a.edit);
      assert.ok(fix?.edit, `no quick fix with an edit for "${first!.message}"`);
      const before = snapshot();
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await waitFor('the diagnostics to change after the fix', () => snapshot() !== before);
    }
    // The demo's happy path: nothing is left, in the editor or for the CLI (samples/seed/ holds no
    // corrected copy that the fixed policies would duplicate).
    assert.deepEqual(cliFindings(broken, doc.getText()), []);
    await waitFor('no diagnostic left', () => ourDiagnostics(doc.uri).length === 0);
    // Saved, so the CLI (the oracle of the next tests) reads the fixed policies too.
    assert.ok(await doc.save());
    assert.deepEqual(checkWorkspace<CliFinding & { file: string }>({}), []);
  });

  test('hover on the db policy podSelector lists default/db with its node and IP', async () => {
    const doc = await openFile(broken); // fixed and saved by the previous test
    const text = doc.getText();
    const offset = text.indexOf('podSelector', text.indexOf('name: db-access-ingress'));
    assert.ok(offset > 0);
    const trace = cliTrace('default/backend', 'default/db');
    const node = trace.nodes.find((n) => n.pods.some((p) => p.key === 'default/db'));
    const ip = node?.pods.find((p) => p.key === 'default/db')?.ip;
    assert.ok(node && ip, 'the CLI trace names the db pod node and IP');
    const markdown = await waitFor('a hover with pods', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        doc.positionAt(offset + 2),
      );
      const md = hoverMarkdown(hovers);
      return md.includes('default/') && md;
    });
    assert.match(markdown, /default\/db/);
    assert.ok(markdown.includes(node.name), `hover names node ${node.name}:\n${markdown}`);
    assert.ok(markdown.includes(ip), `hover names IP ${ip}:\n${markdown}`);
    assert.doesNotMatch(markdown, /default\/(web|backend)\b/);
  });

  test('netpolLens.tracePacket with arguments opens the trace panel with the CLI trace', async () => {
    const request = { from: 'default/web', to: 'default/db', port: 5432, protocol: 'TCP' };
    const trace = await vscode.commands.executeCommand<CliTrace>('netpolLens.tracePacket', request);
    const want = cliTrace(request.from, request.to);
    assert.equal(trace.verdict, 'dropped');
    assert.deepEqual(trace.drop?.policies, ['default/db-access-ingress']);
    assert.deepEqual(
      trace.hops.map((h) => [h.step, h.device]),
      want.hops.map((h) => [h.step, h.device]),
    );
    const tab = await waitFor('the trace panel', () =>
      webviewTabs().find((t) => t.label === 'Trace: default/web → default/db'),
    );
    assert.ok(tab.input instanceof vscode.TabInputWebview);
  });

  test('netpolLens.showMatrix with arguments opens the matrix the CLI computes', async () => {
    const view = await vscode.commands.executeCommand<ViewMatrix>('netpolLens.showMatrix', {
      port: 5432,
      protocol: 'TCP',
    });
    const want = cliJson<CliMatrix>(['matrix', workspaceDir(), '--port', '5432', '--protocol', 'TCP']);
    // The view is sent classes: each pod's class, and the classes each class reaches.
    const { classOf, reaches } = view.reach!;
    const matrix: CliMatrix = {
      pods: view.pods,
      allowed: view.pods.flatMap((a, i) =>
        view.pods.flatMap((b, j): [string, string][] =>
          reaches[classOf[i]!]!.includes(classOf[j]!) ? [[a, b]] : [],
        ),
      ),
    };
    const pairs = (m: CliMatrix) =>
      m.allowed
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => `${a} → ${b}`)
        .sort();
    assert.deepEqual([...matrix.pods].sort(), [...want.pods].sort());
    assert.deepEqual(pairs(matrix), pairs(want));
    assert.ok(!pairs(matrix).includes('default/web → default/db'));
    assert.ok(pairs(matrix).includes('default/backend → default/db'));
    await waitFor('the matrix panel', () => webviewTabs().find((t) => t.label === 'Reachability: TCP 5432'));
  });
});
