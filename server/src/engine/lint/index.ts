// Lints: what the API server accepts but probably does not do what the author meant, judged against
// the workspace topology. Only the file's accepted (valid) NetworkPolicies are linted.
import type { ManifestObject, ParsedFile } from '../documents';
import { FindingSink } from '../documents';
import { podsSelectedBy } from '../matching';
import type { Pod, Topology } from '../model';
import { policyFromObject } from '../policies';
import type { Finding } from '../types';
import type { LintContext, LintOptions } from './context';
import { LINTS } from './rules';
import { YamlEditor } from './yamlEdit';

export type { LintOptions } from './context';
export { LINT_RULES } from './rules';

export function lintFile(
  file: ParsedFile,
  accepted: readonly ManifestObject[],
  topology: Topology,
  options: LintOptions,
): Finding[] {
  const sink = new FindingSink(file.path, file.lines);
  for (const obj of accepted) {
    const policy = obj.apiVersion === 'networking.k8s.io/v1' ? policyFromObject(obj) : undefined;
    if (!policy) continue;
    let selected: Pod[] | undefined;
    const ctx: LintContext = {
      file,
      sink,
      obj,
      policy,
      topology,
      options,
      edit: new YamlEditor(file, obj.node),
      selected: () => (selected ??= podsSelectedBy(topology, policy)),
    };
    for (const lint of LINTS) lint.check(ctx);
  }
  return sink.findings;
}
