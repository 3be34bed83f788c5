// The documents open in the editor, by canonical URI. Their text wins over the disk; the version
// travels with the text so results computed for an older version are never published.
import type {
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
} from 'vscode-languageserver';
import { EditableText } from './editableText';
import { canonicalUri } from './uris';

export class OpenDocuments {
  private readonly docs = new Map<string, EditableText>();

  /** Returns the canonical URI of the opened document. */
  open(params: DidOpenTextDocumentParams): string {
    const { uri, version, text } = params.textDocument;
    const key = canonicalUri(uri);
    this.docs.set(key, new EditableText(key, version, text));
    return key;
  }

  /** Applies the changes; returns the canonical URI, or undefined for a document that is not open. */
  change(params: DidChangeTextDocumentParams): string | undefined {
    const key = canonicalUri(params.textDocument.uri);
    const doc = this.docs.get(key);
    if (!doc) return undefined;
    doc.update(params.contentChanges, params.textDocument.version);
    return key;
  }

  close(params: DidCloseTextDocumentParams): string {
    const key = canonicalUri(params.textDocument.uri);
    this.docs.delete(key);
    return key;
  }

  get(uri: string): EditableText | undefined {
    return this.docs.get(canonicalUri(uri));
  }

  has(uri: string): boolean {
    return this.docs.has(canonicalUri(uri));
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }
}
