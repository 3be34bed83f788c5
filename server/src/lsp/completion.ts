// Completion: the engine's offers at the cursor (engine/language/completions.ts) as LSP items, in
// the engine's order, each replacing the word typed so far; fields get a snippet with their value's
// lines when the client takes snippets.
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import type { CompletionItem, Position } from 'vscode-languageserver';
import { completionsAt } from '../engine';
import type { FileAnalysis, Offer, OfferKind } from '../engine';
import type { ServerState } from './state';

export interface CompletionOptions {
  snippets: boolean;
}

const KINDS: Record<OfferKind, CompletionItemKind> = {
  field: CompletionItemKind.Property,
  labelKey: CompletionItemKind.Property,
  labelValue: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  namespace: CompletionItemKind.Module,
  port: CompletionItemKind.Value,
};

export function completion(
  state: ServerState,
  analysis: FileAnalysis | undefined,
  position: Position,
  options: CompletionOptions,
): CompletionItem[] {
  if (!analysis) return [];
  const found = completionsAt(analysis.parsed.text, position, state.engine.topology());
  if (!found) return [];
  const range = { start: { line: position.line, character: found.wordStart }, end: position };
  const space = found.needsSpace ? ' ' : '';
  return found.offers.map((o, i) => {
    const { text, snippet } = insertOf(o, options);
    return {
      label: o.label,
      kind: KINDS[o.kind],
      detail: o.detail,
      sortText: String(i).padStart(5, '0'),
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: space + text },
    };
  });
}

/** A field's key with its value's lines (a snippet) or `key: `; any other offer as the engine gives it. */
function insertOf(o: Offer, options: CompletionOptions): { text: string; snippet: boolean } {
  if (o.kind !== 'field') return { text: o.insert ?? o.label, snippet: false };
  if (!options.snippets || o.shape === 'scalar') return { text: `${o.label}: `, snippet: false };
  const body = o.shape === 'map' ? '\n  $0' : '\n  - $0';
  return { text: `${o.label}:${body}`, snippet: true };
}
