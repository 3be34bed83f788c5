// A policy's explanation as Markdown (pure), for the read-only preview beside the editor. Workspace
// strings are escaped so a name like `<img onerror=…>` or `[x](javascript:…)` stays text.
import type { ExplainResult } from '../../../server/src/protocol/requests';

/** Backslash-escapes every ASCII punctuation character Markdown could interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:=]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Where the policy is written: its document's URI, a label for it, and the 0-based line. */
export interface PolicySource {
  uri: string;
  label: string;
  line: number;
}

/**
 * "Defined in [label, line N](uri#LN)": the Markdown preview opens a `#L<n>` link at that line. The
 * URI is percent-encoded, so only the characters that end a `<…>` destination need encoding.
 */
function sourceLink(s: PolicySource): string {
  const target = `${s.uri.split('#')[0]!.replace(/[<>\s]/g, encodeURIComponent)}#L${s.line + 1}`;
  return `Defined in [${escapeMarkdown(s.label)}, line ${s.line + 1}](<${target}>)`;
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
