// The extension in the real extension host, through the real `vscode` API, on a fresh copy of
// samples/. The CLI (same engine) is the oracle: what the editor shows must agree with it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  checkText,
  cliJson,
  codeOf,
  EXTENSION_ID,
  hoverMarkdown,
  openFile,
  ourDiagnostics,
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
  nodes: { name: string; pods: { key: string; ip: string }[] }[];
}

const SEVERITY: Record<CliFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const asComparable = (d: vscode.Diagnostic) => ({
  range: {
    start: { line: d.range.start.line, character: d.range.start.character },
    end: { line: d.range.end.line, character: d.range.end.character },
  },
  severity: d.severity,
  code: codeOf(d),
  message: d.message,
});
const cliComparable = (f: CliFinding) => ({ ...f, severity: SEVERITY[f.severity] });
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
      errors.map((d) => d.range.start.line + 1),
      [16, 25],
    );
    const expected = cliJson<CliFinding[]>(['check', doc.uri.fsPath]).map(cliComparable);
    const actual = [...diags].sort(byPosition).map(asComparable);
    assert.deepEqual(actual, expected);
  });

  test('code actions: the quick fixes clear every problem of the seed file', async () => {
    const doc = await openFile(broken);
    await waitFor('diagnostics on the seed file', () => ourDiagnostics(doc.uri).length > 0);
    const snapshot = () => JSON.stringify(ourDiagnostics(doc.uri).map(asComparable));
    for (let round = 1; ourDiagnostics(doc.uri).length > 0; round++) {
      assert.ok(round <= 4, `the quick fixes keep leaving problems: ${snapshot()}`);
      const [first] = ourDiagnostics(doc.uri).sort(byPosition);
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
    await waitFor('no diagnostics left', () => ourDiagnostics(doc.uri).length === 0);
    assert.deepEqual(checkText<CliFinding[]>(broken, doc.getText()), []);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(
      'the reverted file to show its two errors again',
      () => ourDiagnostics(doc.uri).length >= 2,
    );
  });

  test('hover on the db policy podSelector lists default/db with its node and IP', async () => {
    const doc = await openFile('seed-policies-fixed.yaml');
    const text = doc.getText();
    const offset = text.indexOf('podSelector', text.indexOf('name: db-access-ingress'));
    assert.ok(offset > 0);
    const trace = cliJson<CliTrace>([
      'trace',
      workspaceDir(),
      '--from',
      'default/backend',
      '--to',
      'default/db',
      '--port',
      '5432',
      '--protocol',
      'TCP',
    ]);
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

  test('netpolLens.tracePacket with arguments opens the trace panel', async () => {
    await vscode.commands.executeCommand('netpolLens.tracePacket', {
      from: 'default/web',
      to: 'default/db',
      port: 5432,
      protocol: 'TCP',
    });
    const tab = await waitFor('the trace panel', () =>
      webviewTabs().find((t) => t.label === 'Trace: default/web → default/db'),
    );
    assert.ok(tab.input instanceof vscode.TabInputWebview);
  });
});
