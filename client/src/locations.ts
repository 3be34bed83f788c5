// Where a policy is written, from the topology's policy list (pure): the editor opens it there.
import type { TopologyResult } from '../../server/src/protocol/requests';

export interface PolicyLocation {
  /** A URI string (`file:///…`, `untitled:…`) or an absolute path. */
  file: string;
  isUri: boolean;
  /** 0-based. */
  line: number;
}

const URI = /^[a-z][a-z0-9+.-]+:/i;
const WINDOWS_PATH = /^[a-z]:[\\/]/i;

/** Whether a file name is a URI string (`file:///…`, `untitled:…`) rather than a path (`C:\…` too). */
export const isUriString = (file: string): boolean => URI.test(file) && !WINDOWS_PATH.test(file);

export function policyLocation(t: TopologyResult, key: string): PolicyLocation | undefined {
  const policy = t.policies.find((p) => p.key === key);
  if (!policy) return undefined;
  const isUri = isUriString(policy.file);
  const line = Number.isInteger(policy.line) && policy.line >= 0 ? policy.line : 0;
  return { file: policy.file, isUri, line };
}
