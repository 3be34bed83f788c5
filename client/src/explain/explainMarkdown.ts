// A policy's explanation as Markdown (pure), for the read-only preview beside the editor. Workspace
// strings are escaped so a name like `<img onerror=…>` or `[x](javascript:…)` stays text.
import type { ExplainResult } from '../../../server/src/protocol/requests';

/** Backslash-escapes every ASCII punctuation character Markdown could interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:=]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * Where the policy is written: a label for its file, the 0-based line, and its path from the first
 * workspace folder (`/policies/data.yaml`) when it is in that folder.
 */
export interface PolicySource {
  label: string;
  line: number;
  rootPath?: string;
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
