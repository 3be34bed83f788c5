// NetworkPolicy Lens: Explain Policy — the policy at the cursor (or at {uri, position}, as the
// CodeLens passes it) in plain language, in a Markdown preview. Not on a policy: pick one.
import * as vscode from 'vscode';
import type { ExplainParams, ExplainResult } from '../../../server/src/protocol/requests';
import { ExplainRequestType } from '../../../server/src/protocol/requests';
import { policyLocation } from '../locations';
import { policyUri } from '../openPolicy';
import { reportingFailures } from './services';
import type { CommandFactory, Services } from './services';

function explainParamsFrom(arg: unknown): ExplainParams | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, position } = arg as Record<string, unknown>;
  const p = position as Record<string, unknown> | undefined;
  const uriText = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : undefined;
  if (!uriText || !p || !Number.isInteger(p.line) || !Number.isInteger(p.character)) return undefined;
  return { uri: uriText, position: { line: p.line as number, character: p.character as number } };
}

function atCursor(): ExplainParams | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { line, character } = editor.selection.active;
  return { uri: editor.document.uri.toString(), position: { line, character } };
}

async function pickPolicy(s: Services): Promise<ExplainParams | undefined> {
  const topology = await s.ctx.topology();
  if (!topology.policies.length) {
    void vscode.window.showInformationMessage('The workspace has no NetworkPolicy to explain.');
    return undefined;
  }
  const key = await vscode.window.showQuickPick(
    topology.policies.map((p) => p.key),
    { title: 'Explain Policy', placeHolder: 'The cursor is not in a NetworkPolicy: pick one' },
  );
  const location = key === undefined ? undefined : policyLocation(topology, key);
  if (!location) return undefined;
  return { uri: policyUri(location).toString(), position: { line: location.line, character: 0 } };
}

async function explain(s: Services, arg: unknown): Promise<ExplainResult | undefined> {
  let params = explainParamsFrom(arg) ?? atCursor();
  let result = params ? await s.ctx.request(ExplainRequestType, params) : null;
  if (!result) {
    params = await pickPolicy(s);
    result = params ? await s.ctx.request(ExplainRequestType, params) : null;
  }
  if (!params || !result) return undefined;
  await s.explain.show(params, result);
  return result;
}

export const explainPolicy: CommandFactory = reportingFailures('Explain Policy', explain);
