// A policy in plain language (the engine's explainPolicy), for hover and for netpol/explain.
import { explainPolicy } from '../engine';
import type { NetworkPolicy, Topology } from '../engine';
import type { ExplainResult } from '../protocol/requests';
import * as md from './markdown';

export function explainPolicyText(policy: NetworkPolicy, topology: Topology): ExplainResult {
  const e = explainPolicy(policy, topology);
  return { policy: e.policy, summary: e.summary, details: [...e.details] };
}

export function explainMarkdown(policy: NetworkPolicy, topology: Topology): string {
  const e = explainPolicyText(policy, topology);
  const details = e.details.map((d) => `- ${md.sentence(d)}`).join('\n');
  return `**NetworkPolicy** ${md.code(e.policy)}\n\n${md.sentence(e.summary)}${details ? `\n\n${details}` : ''}`;
}
