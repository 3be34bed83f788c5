// PLACEHOLDER until the lints land; replaced wholesale.
import type { ManifestObject, ParsedFile } from '../documents';
import type { Topology } from '../model';
import type { Finding } from '../types';

export interface LintOptions {
  enforcement: boolean;
}

export function lintFile(
  _file: ParsedFile,
  _accepted: readonly ManifestObject[],
  _topology: Topology,
  _options: LintOptions,
): Finding[] {
  return [];
}
