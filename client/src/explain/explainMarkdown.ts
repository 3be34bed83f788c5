// A policy's explanation as Markdown (pure), for the read-only preview beside the editor. Workspace
// strings are escaped so a name like `<img onerror=…>` or `[x](javascript:…)` stays text.
import type { ExplainResult } from '../../../server/src/protocol/requests';

/** Backslash-escapes every ASCII punctuation character Markdown could interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:=]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function explainMarkdown(r: ExplainResult): string {
  const lines = [`# NetworkPolicy ${escapeMarkdown(r.policy)}`, '', escapeMarkdown(r.summary), ''];
  for (const d of r.details) lines.push(`- ${escapeMarkdown(d)}`);
  return `${lines.join('\n')}\n`;
}

/** The path of the virtual document for a policy: `/ns/name.md`, safe characters only. */
export function explainPath(policy: string): string {
  const safe = policy.replace(/[^A-Za-z0-9._/-]/g, '_').replace(/^\/+/, '');
  return `/${safe || 'policy'}.md`;
}
