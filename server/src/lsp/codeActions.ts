// Quick fixes from the engine's Finding.fixes (a diagnostic's data names them; the edits are the
// current finding's, the document being brought up to date first), and a "fix all" source action applying the preferred fix of every error
// (not of lints: adding a DNS rule or policyTypes is a decision, not a correction, and fix-all may
// run on save) when it does not overlap another. Edits carry the document version, so an editor
// refuses them on a changed text.
import { CodeActionKind, TextDocumentEdit } from 'vscode-languageserver';
import type { CodeAction, CodeActionParams, Diagnostic, WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, Fix, TextEdit } from '../engine';
import { hasFixes, isFindingOf } from './diagnostics';
import type { ServerState } from './state';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.netpol-lens`;

export interface CodeActionOptions {
  /** The client applies versioned `documentChanges`. */
  documentChanges: boolean;
}

export function codeActions(
  state: ServerState,
  params: CodeActionParams,
  options: CodeActionOptions,
): CodeAction[] {
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (!only || only.some((k) => isWithin(CodeActionKind.QuickFix, k)))
    for (const d of params.context.diagnostics) actions.push(...quickFixes(state, uri, d, options));
  if (only?.some((k) => isWithin(FIX_ALL_KIND, k))) {
    const all = fixAll(state, uri, options);
    if (all) actions.push(all);
  }
  return actions;
}

/** `kind` is `requested` or a sub-kind of it (`source.fixAll.netpol-lens` within `source`). */
export function isWithin(kind: string, requested: string): boolean {
  return kind === requested || kind.startsWith(`${requested}.`);
}

function quickFixes(
  state: ServerState,
  uri: string,
  d: Diagnostic,
  options: CodeActionOptions,
): CodeAction[] {
  if (!hasFixes(d)) return [];
  const fixes = currentFixes(state, uri, d);
  const version = state.open.get(uri)?.version ?? null;
  return fixes.map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: fix.preferred === true,
    edit: workspaceEdit(uri, version, fix.edits, options),
  }));
}

/**
 * The fixes of the current finding the diagnostic was made from (the document was brought up to
 * date first). The editor moves a diagnostic with the edits made after it was published, so a quick
 * fix asked for before the new diagnostics arrive names a range of the current text: then the
 * finding is the current one with the same code at that place.
 */
function currentFixes(state: ServerState, uri: string, d: Diagnostic): Fix[] {
  const doc = state.open.get(uri);
  if (doc && state.analysedVersion(doc.uri) !== doc.version) return [];
  const findings = state.findings(doc?.uri ?? uri);
  const same =
    findings.find((f) => isFindingOf(f, d)) ??
    findings.find((f) => f.code === d.code && samePosition(f.range.start, d.range.start));
  return same?.fixes ?? [];
}

function samePosition(a: TextEdit['range']['start'], b: TextEdit['range']['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

function fixAll(state: ServerState, uri: string, options: CodeActionOptions): CodeAction | undefined {
  const doc = state.open.get(uri);
  const version = doc ? doc.version : null;
  if (doc && state.analysedVersion(doc.uri) !== doc.version) return undefined;
  const edits = compatibleEdits(state.findings(doc?.uri ?? uri));
  if (!edits.length) return undefined;
  return {
    title: 'Fix all NetworkPolicy Lens errors',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(uri, version, edits, options),
  };
}

/** The edits of every error's preferred fix, skipping a fix whose edits touch text another fix already edits. */
function compatibleEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const f of findings.filter((x) => x.severity === 'error')) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (fix && fix.edits.every((e) => taken.every((t) => !overlaps(e, t)))) taken.push(...fix.edits);
  }
  return taken;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return !(before(a.range.end, b.range.start) || before(b.range.end, a.range.start));
}

/** Strictly before: two insertions at one point overlap (their order would be ambiguous). */
function before(p: TextEdit['range']['start'], q: TextEdit['range']['start']): boolean {
  return p.line < q.line || (p.line === q.line && p.character < q.character);
}

function workspaceEdit(
  uri: string,
  version: number | null,
  edits: TextEdit[],
  options: CodeActionOptions,
): WorkspaceEdit {
  if (options.documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
  return { changes: { [uri]: edits } };
}
