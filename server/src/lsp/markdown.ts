// Markdown built from workspace-derived strings (pod names, label values, policy names) must render
// as text, whatever they contain: `<img onerror=…>`, `*`, `[x](y)`, backticks. Two safe forms:
// backslash-escaped prose and code spans with a fence longer than any backtick run inside.

/** Characters with a meaning anywhere in a line (emphasis, code, links, HTML, entities, tables, strikethrough). */
const INLINE = /[\\`*_{}[\]<>&|~!]/g;
/** Characters that only matter at the start of a line (headings, lists, quotes, setext underlines). */
const LINE_START = /^(?:[#+\-=>]|\d+(?=[.)]))/;

/** Escapes what CommonMark (and GFM autolinks) could interpret; newlines become spaces. */
export function text(s: string): string {
  return oneLine(s)
    .replace(INLINE, (c) => `\\${c}`)
    .replace(/(www)\./gi, '$1\\.')
    .replace(/:\/\//g, '\\:\\/\\/')
    .replace(LINE_START, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** A code span holding `s` literally (HTML, emphasis and links inside are not interpreted). */
export function code(s: string): string {
  const body = oneLine(s);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Engine sentences quote names in backticks (`role=db`). Renders those parts as code spans and
 * escapes the rest; with unbalanced backticks the whole sentence is escaped as prose.
 */
export function sentence(s: string): string {
  const parts = oneLine(s).split('`');
  if (parts.length % 2 === 0) return text(s);
  return parts.map((p, i) => (i % 2 === 1 ? code(p) : text(p))).join('');
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** `n thing` / `n things`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
