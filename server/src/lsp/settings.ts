// The `netpolLens.*` settings as the server reads them (workspace/configuration), made safe: any
// value of the wrong type falls back to its default, so a bad settings.json never breaks the server.
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_SERVICE_CIDR, parseCidr } from '../engine';
import type { EngineOptions, KubectlWorkflow, Severity } from '../engine';

export type LintLevel = Severity | 'off';

export interface Settings {
  /** "on": a policy engine enforces NetworkPolicies beside flannel; "off": plain flannel. */
  policyEnforcement: 'on' | 'off';
  /** Nodes synthesised when the workspace declares none. */
  nodeCount: number;
  /** Files and folders outside the workspace folders read for the topology only (no diagnostics). */
  extraTopologyPaths: string[];
  /** Lint severities by code (`netpolLens.lint.<code>`). */
  lint: Record<string, LintLevel>;
  /** Files larger than this many bytes are not analysed. */
  maxFileSize: number;
  /** How objects reach the cluster: `apply` needs metadata.name, `create` accepts generateName. */
  kubectlWorkflow: KubectlWorkflow;
  /** The service CIDR ClusterIPs are allocated from. */
  serviceCIDR: string;
}

export const SETTINGS_SECTION = 'netpolLens';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  policyEnforcement: 'on',
  nodeCount: 2,
  extraTopologyPaths: [],
  lint: {},
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  kubectlWorkflow: 'apply',
  serviceCIDR: DEFAULT_SERVICE_CIDR,
};

export const MAX_NODE_COUNT = 1000;
const LEVELS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Reads the `netpolLens` section; unknown keys are ignored and bad values replaced by defaults. */
export function parseSettings(raw: unknown): Settings {
  const s = isRecord(raw) ? raw : {};
  return {
    policyEnforcement: s['policyEnforcement'] === 'off' ? 'off' : 'on',
    nodeCount: integerIn(s['nodeCount'], 1, MAX_NODE_COUNT) ?? DEFAULT_SETTINGS.nodeCount,
    extraTopologyPaths: Array.isArray(s['extraTopologyPaths'])
      ? s['extraTopologyPaths'].filter((p): p is string => typeof p === 'string' && p.trim() !== '')
      : [],
    lint: lintLevels(s['lint']),
    maxFileSize: integerIn(s['maxFileSize'], 1, Number.MAX_SAFE_INTEGER) ?? DEFAULT_SETTINGS.maxFileSize,
    kubectlWorkflow: s['kubectlWorkflow'] === 'create' ? 'create' : 'apply',
    serviceCIDR:
      typeof s['serviceCIDR'] === 'string' && parseCidr(s['serviceCIDR'].trim())
        ? s['serviceCIDR'].trim()
        : DEFAULT_SETTINGS.serviceCIDR,
  };
}

function lintLevels(raw: unknown): Record<string, LintLevel> {
  const out: Record<string, LintLevel> = {};
  if (!isRecord(raw)) return out;
  for (const [code, level] of Object.entries(raw)) {
    if (typeof level === 'string' && LEVELS.includes(level)) out[code] = level as LintLevel;
  }
  return out;
}

function integerIn(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function engineOptions(s: Settings): EngineOptions {
  return {
    enforcement: s.policyEnforcement === 'on',
    nodeCount: s.nodeCount,
    maxFileSize: s.maxFileSize,
    lintSeverities: s.lint,
    workflow: s.kubectlWorkflow,
    serviceCIDR: s.serviceCIDR,
  };
}

/** Settings that change which files are read (the others only change the analysis). */
export function sameSources(a: Settings, b: Settings): boolean {
  return (
    a.maxFileSize === b.maxFileSize && a.extraTopologyPaths.join('\n') === b.extraTopologyPaths.join('\n')
  );
}
