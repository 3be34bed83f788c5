// A policy explained (the engine's explainPolicy) as netpol/explain's result and as hover Markdown.
import type { PolicyExplanation } from '../engine';
import type { ExplainResult } from '../protocol/requests';
import * as md from './markdown';

export function explainResult(e: PolicyExplanation): ExplainResult {
  return { policy: e.policy, summary: e.summary, details: [...e.details] };
}

export function explainMarkdown(e: PolicyExplanation): string {
  const details = e.details.map((d) => `- ${md.sentence(d)}`).join('\n');
  return `**NetworkPolicy** ${md.code(e.policy)}\n\n${md.sentence(e.summary)}${details ? `\n\n${details}` : ''}`;
}
