// Plain data shared by every part of the engine and by its consumers (CLI, language server, webview).
// Positions are 0-based lines and UTF-16 characters, exactly as in LSP.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A file handed to the engine. The engine never reads the disk: callers bring the text. */
export interface SourceFile {
  /** Path or URI, used only as an identity and in messages. */
  path: string;
  text: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A mechanical correction the editor can offer as a quick fix (edits apply to the finding's file). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix that resolves the problem best; editors mark it preferred. */
  preferred?: boolean;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** One diagnostic: a validation error, a YAML problem or a lint. */
export interface Finding {
  file: string;
  range: Range;
  severity: Severity;
  /** Stable rule code, listed in the rule registry (validate/rules.ts) and the README. */
  code: string;
  message: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

/** Spelled once, in the contracts room, for the engine and every caller of it. */
export { PROTOCOLS } from '../protocol/values';
export type { Protocol } from '../protocol/values';

export type Direction = 'ingress' | 'egress';
