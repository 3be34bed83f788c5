// A policy's explanation as Markdown (pure), for the read-only preview beside the editor. Workspace
// strings are escaped so a name like `<img onerror=…>` or `[x](javascript:…)` stays text.
import type { ExplainResult } from '../../../server/src/protocol/requests';

/** Backslash-escapes every ASCII punctuation character Markdown could interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:=]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * Where the policy is written: a label for its file, the 0-based line, and its path from the first
 * workspace folder (`/policies/data.yaml`, `/../shop/policies/data.yaml`: see `rootPathOf`).
 */
export interface PolicySource {
  label: string;
  line: number;
  rootPath?: string;
}

/** The parts of a URI a link needs (a `vscode.Uri` has them). */
export interface UriParts {
  scheme: string;
  authority: string;
  path: string;
}

/**
 * The link path the Markdown preview opens as `file`. The preview joins a path that starts with `/`
 * to the workspace folder holding the Markdown document, and an explanation (a virtual document) is
 * in none, so to the first folder: a file of another folder of a multi-root workspace is reached
 * from there with `..`. None when the file is on another file system (scheme or authority).
 */
export function rootPathOf(file: UriParts, firstFolder: UriParts): string | undefined {
  if (file.scheme !== firstFolder.scheme || file.authority !== firstFolder.authority) return undefined;
  const root = firstFolder.path.split('/').filter(Boolean);
  const target = file.path.split('/').filter(Boolean);
  let common = 0;
  while (common < root.length && root[common] === target[common]) common++;
  const up = root.slice(common).map(() => '..');
  return `/${[...up, ...target.slice(common)].join('/')}`;
}

/**
 * "Defined in [label, line N](/path#LN)". The Markdown preview lets no `file:` link through, but
 * opens a path that starts with `/` from the first workspace folder, at the line a `#L<n>` names.
 */
function sourceLink(s: PolicySource): string {
  const where = `${escapeMarkdown(s.label)}, line ${s.line + 1}`;
  if (s.rootPath === undefined) return `Defined in ${where}`;
  const path = s.rootPath.split('/').map(encodeURIComponent).join('/');
  return `Defined in [${where}](${path}#L${s.line + 1})`;
}

export function explainMarkdown(r: ExplainResult, source?: PolicySource): string {
  const lines = [`# NetworkPolicy ${escapeMarkdown(r.policy)}`, ''];
  if (source) lines.push(sourceLink(source), '');
  lines.push(escapeMarkdown(r.summary), '');
  for (const d of r.details) lines.push(`- ${escapeMarkdown(d)}`);
  return `${lines.join('\n')}\n`;
}

/** The path of the virtual document for a policy: `/ns/name.md`, safe characters only. */
export function explainPath(policy: string): string {
  const safe = policy.replace(/[^A-Za-z0-9._/-]/g, '_').replace(/^\/+/, '');
  return `/${safe || 'policy'}.md`;
}
