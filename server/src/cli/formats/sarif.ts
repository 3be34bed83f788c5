// `check --format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it. Rules come from the
// engine's registry; locations are relative to the working directory (%SRCROOT%), 1-based.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleInfo } from '../../engine/rules';
import type { Finding, Range, Severity } from '../../engine/types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

type Level = 'error' | 'warning' | 'note';
const LEVELS: Readonly<Record<Severity, Level>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function toSarif(
  findings: readonly Finding[],
  registry: readonly RuleInfo[],
  tool: SarifTool,
  cwd: string,
) {
  const rules = rulesFor(findings, registry);
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const locate = artifactLocator(cwd);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...tool, rules: rules.map(sarifRule) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + sep).href } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: index.get(f.code)!,
          level: LEVELS[f.severity],
          message: { text: f.message },
          locations: [{ physicalLocation: physical(locate(f.file), f.range) }],
          ...(f.related?.length ? { relatedLocations: f.related.map((r, i) => related(r, i, locate)) } : {}),
        })),
      },
    ],
  };
}

/** Every registered rule, plus any code a finding carries that the registry lacks (never a dangling index). */
function rulesFor(findings: readonly Finding[], registry: readonly RuleInfo[]): RuleInfo[] {
  const rules = [...registry];
  const known = new Set(rules.map((r) => r.code));
  for (const f of findings) {
    if (known.has(f.code)) continue;
    known.add(f.code);
    rules.push({ code: f.code, severity: f.severity, title: f.code, help: `Finding ${f.code}.` });
  }
  return rules;
}

function sarifRule(r: RuleInfo) {
  return {
    id: r.code,
    name: pascalCase(r.title),
    shortDescription: { text: r.title },
    fullDescription: { text: r.help },
    help: { text: r.help },
    defaultConfiguration: { level: LEVELS[r.severity] },
  };
}

const pascalCase = (title: string): string =>
  title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

type ArtifactLocation = { uri: string; uriBaseId?: string };

/** Files under the working directory are relative to %SRCROOT%; others get an absolute file URI. */
function artifactLocator(cwd: string): (file: string) => ArtifactLocation {
  return (file) => {
    const abs = resolve(cwd, file);
    const rel = relative(cwd, abs);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      return { uri: pathToFileURL(abs).href };
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  };
}

/** SARIF regions are 1-based; LSP's exclusive end character + 1 is SARIF's exclusive endColumn. */
function physical(artifactLocation: ArtifactLocation, range: Range) {
  return {
    artifactLocation,
    region: {
      startLine: range.start.line + 1,
      startColumn: range.start.character + 1,
      endLine: range.end.line + 1,
      endColumn: range.end.character + 1,
    },
  };
}

function related(
  r: { file: string; range: Range; message: string },
  id: number,
  locate: (file: string) => ArtifactLocation,
) {
  return { id, message: { text: r.message }, physicalLocation: physical(locate(r.file), r.range) };
}
