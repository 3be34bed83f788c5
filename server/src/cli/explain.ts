// `netpol-lens explain`: each NetworkPolicy of the files in plain language, from the engine's explainer.
import { explainPolicy } from '../engine/explain';
import { policyCounts } from '../engine/language/facts';
import type { Range } from '../engine/types';
import { EXIT_OK } from './errors';
import { explainText } from './formats/explain';
import type { ExplainedPolicy } from './formats/explain';
import { toJson } from './formats/json';
import type { LoadedWorkspace } from './load';
import type { Output } from './output';

export const EXPLAIN_FORMATS = ['text', 'json'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

export function runExplain(loaded: LoadedWorkspace, format: ExplainFormat, out: Output): number {
  const explanations = explainAll(loaded);
  out.write(format === 'json' ? toJson(explanations) : explainText(explanations, out.color));
  return EXIT_OK;
}

function explainAll(loaded: LoadedWorkspace): ExplainedPolicy[] {
  const topology = loaded.workspace.topology();
  return topology.policies.map((policy) => {
    const e = explainPolicy(policy, topology);
    return {
      policy: e.policy,
      file: policy.source.file,
      range: rangeOf(loaded, policy.source.file, policy.source.span),
      summary: e.summary,
      details: e.details,
      counts: policyCounts(topology, policy),
    };
  });
}

function rangeOf(loaded: LoadedWorkspace, file: string, span: { start: number; end: number }): Range {
  return loaded.workspace.range({ file, span })!;
}
