// The documents open in the editor, by canonical URI. Their text wins over the disk. Incremental
// changes are applied with vscode-languageserver-textdocument; the version travels with the text so
// results computed for an older version are never published.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
} from 'vscode-languageserver';
import { canonicalUri } from './uris';

export class OpenDocuments {
  private readonly docs = new Map<string, TextDocument>();

  /** Returns the canonical URI of the opened document. */
  open(params: DidOpenTextDocumentParams): string {
    const { uri, languageId, version, text } = params.textDocument;
    const key = canonicalUri(uri);
    this.docs.set(key, TextDocument.create(key, languageId, version, text));
    return key;
  }

  /** Applies the changes; returns the canonical URI, or undefined for a document that is not open. */
  change(params: DidChangeTextDocumentParams): string | undefined {
    const key = canonicalUri(params.textDocument.uri);
    const doc = this.docs.get(key);
    if (!doc) return undefined;
    TextDocument.update(doc, params.contentChanges, params.textDocument.version);
    return key;
  }

  close(params: DidCloseTextDocumentParams): string {
    const key = canonicalUri(params.textDocument.uri);
    this.docs.delete(key);
    return key;
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(canonicalUri(uri));
  }

  has(uri: string): boolean {
    return this.docs.has(canonicalUri(uri));
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }
}
