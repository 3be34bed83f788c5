// Where the cursor is in a YAML document that may be half-typed (and so not parse as intended): the
// chain of keys above it, found from indentation, and whether a key, a value or a list item is being
// typed. Completion relies on this; everything else uses the parsed tree.

export interface YamlContext {
  /** Keys from the document root to the map (or list) being typed in; `#` stands for a list item. */
  path: string[];
  /** `key`: a map key; `value`: the value after `key: `; `item`: a scalar list item (`- x`), which may also start a map. */
  position: 'key' | 'value' | 'item';
  /** For `value`: the key whose value is typed. */
  key?: string;
  /** For `value`: no space follows the colon yet, so an inserted value needs one. */
  needsSpace?: boolean;
  /** The word typed so far, and where it starts on the cursor's line. */
  word: string;
  wordStart: number;
  /** Keys already present in the map being typed in, with their inline values. */
  siblings: Map<string, string>;
  /** Keys and inline values of every enclosing map, innermost first (for `key:` beside `values:`). */
  enclosing: Map<string, string>[];
  /** The document's `kind`, if written at the top level. */
  kind?: string;
  /** The document's `apiVersion` or `kind` is written: it is a Kubernetes object. */
  isKubernetes: boolean;
}

interface Line {
  /** Columns of the `- ` markers, left to right. */
  dashes: number[];
  /** Column where the content after the markers starts. */
  col: number;
  key?: string;
  /** The inline value after `key:` (comments removed), '' when none. */
  value: string;
  blank: boolean;
  separator: boolean;
}

/** A key ends with a non-space, so `[^:#]*` and `\s*` never compete for the same spaces (linear time). */
const KEY_TEXT = String.raw`(?:"([^"]*)"|'([^']*)'|([^\s#'"{[](?:[^:#]*[^\s:#])?))\s*:`;
const KEY = new RegExp(String.raw`^${KEY_TEXT}(?:\s+|$)(.*)$`, 's');
const VALUE_AT_CURSOR = new RegExp(String.raw`^${KEY_TEXT}(\s*)(["']?)([^\s"'#]*)$`);
/** Longer lines before the cursor are not completed (nothing in a manifest is that long). */
const MAX_COMPLETION_COLUMN = 1000;

// The `s` flag: a line split at \n may still hold a lone \r, U+2028 or U+2029, which `.` would not match.
function lineShape(text: string): Line {
  const m = /^(\s*)((?:-(?:\s+|$))*)(.*)$/s.exec(text)!;
  const dashes: number[] = [];
  let col = m[1]!.length;
  for (const d of m[2]!.match(/-\s*/g) ?? []) {
    dashes.push(col);
    col += d.length;
  }
  const content = m[3]!;
  const blank = content.trim() === '' || content.trimStart().startsWith('#');
  const separator = /^(---|\.\.\.)(\s|$)/.test(text);
  const k = KEY.exec(content);
  const line: Line = { dashes, col, value: '', blank: blank && dashes.length === 0, separator };
  if (k) {
    line.key = (k[1] ?? k[2] ?? k[3] ?? '').trim();
    line.value = stripComment(k[4] ?? '');
  }
  return line;
}

function stripComment(v: string): string {
  const at = v.search(/\s#/);
  return (at >= 0 ? v.slice(0, at) : v).trim();
}

export function yamlContext(
  lines: readonly string[],
  line: number,
  character: number,
): YamlContext | undefined {
  const before = (lines[line] ?? '').slice(0, character);
  const head = before.length <= MAX_COMPLETION_COLUMN ? cursorHead(before) : undefined;
  if (!head) return undefined;
  const { start, end } = documentBounds(lines, line);
  const ctx: YamlContext = {
    path: [],
    position: head.position,
    word: head.word,
    wordStart: head.wordStart,
    siblings: new Map(),
    enclosing: [],
    isKubernetes: false,
  };
  if (head.key !== undefined) ctx.key = head.key;
  if (head.needsSpace) ctx.needsSpace = true;
  readDocumentHead(lines, start, end, ctx);
  if (!walkUp(lines, line, start, head, ctx)) return undefined;
  collectSiblingsBelow(lines, line, end, head.col, ctx);
  return ctx;
}

interface Head {
  position: YamlContext['position'];
  word: string;
  wordStart: number;
  key?: string;
  needsSpace?: boolean;
  /** Column of the key (or item) being typed. */
  col: number;
  dashes: number[];
}

function cursorHead(before: string): Head | undefined {
  const shape = /^(\s*)((?:-\s+)*)(.*)$/s.exec(before)!;
  const dashes: number[] = [];
  let col = shape[1]!.length;
  for (const d of shape[2]!.match(/-\s+/g) ?? []) {
    dashes.push(col);
    col += d.length;
  }
  const rest = shape[3]!;
  const value = VALUE_AT_CURSOR.exec(rest);
  if (value) {
    const word = value[6]!;
    const key = (value[1] ?? value[2] ?? value[3] ?? '').trim();
    const head: Head = { position: 'value', key, word, wordStart: before.length - word.length, col, dashes };
    if (value[4] === '' && value[5] === '') head.needsSpace = true;
    return head;
  }
  if (!/^[^\s:#'"{[]*$/.test(rest)) return undefined;
  return { position: dashes.length ? 'item' : 'key', word: rest, wordStart: col, col, dashes };
}

/** The lines of the YAML document holding `line`: between `---` separators. */
function documentBounds(lines: readonly string[], line: number): { start: number; end: number } {
  let start = line;
  while (start > 0 && !lineShape(lines[start - 1]!).separator) start--;
  let end = line;
  while (end + 1 < lines.length && !lineShape(lines[end + 1]!).separator) end++;
  return { start, end };
}

function readDocumentHead(lines: readonly string[], start: number, end: number, ctx: YamlContext): void {
  for (let i = start; i <= end; i++) {
    const l = lineShape(lines[i]!);
    if (l.col !== 0 || l.dashes.length || !l.key) continue;
    if (l.key === 'kind' && l.value) ctx.kind = unquote(l.value);
    if (l.key === 'kind' || l.key === 'apiVersion') ctx.isKubernetes = true;
  }
}

/**
 * Walks up from the cursor: siblings at the cursor's column, then each enclosing key and list item.
 * Returns false when the indentation cannot be read as YAML (a key with a value above a deeper line).
 */
function walkUp(
  lines: readonly string[],
  line: number,
  start: number,
  head: Head,
  ctx: YamlContext,
): boolean {
  let need = head.col;
  let inSeq = false;
  let level = new Map<string, string>();
  ctx.siblings = level;
  const enterItems = (dashes: readonly number[]) => {
    for (let i = dashes.length - 1; i >= 0; i--) {
      if (dashes[i]! >= need) continue;
      ctx.path.unshift('#');
      need = dashes[i]!;
      inSeq = true;
    }
  };
  enterItems(head.dashes);
  for (let i = line - 1; i >= start; i--) {
    const l = lineShape(lines[i]!);
    if (l.blank || l.separator) continue;
    if (inSeq) {
      if (l.dashes.includes(need) || l.col > need || !l.key || l.value) continue;
    } else {
      if (l.col > need) continue;
      if (l.col === need) {
        if (l.key) level.set(l.key, l.value);
        enterItems(l.dashes);
        continue;
      }
      if (!l.key || l.value) return false;
    }
    ctx.path.unshift(l.key);
    ctx.enclosing.push((level = new Map()));
    need = l.col;
    inSeq = false;
    level.set(l.key, '');
    enterItems(l.dashes);
  }
  return true;
}

/** Keys below the cursor in the same map (until the map ends), for filtering what is already there. */
function collectSiblingsBelow(
  lines: readonly string[],
  line: number,
  end: number,
  col: number,
  ctx: YamlContext,
) {
  for (let i = line + 1; i <= end; i++) {
    const l = lineShape(lines[i]!);
    if (l.blank) continue;
    if (l.col < col || l.dashes.some((d) => d < col) || (l.dashes.length && l.col === col)) return;
    if (l.col === col && l.key) ctx.siblings.set(l.key, l.value);
  }
}

export function unquote(v: string): string {
  const m = /^(["'])(.*)\1$/s.exec(v);
  return m ? m[2]! : v;
}
