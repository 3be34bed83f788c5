// Workspaces for lint tests: the sample cluster (two nodes, web/backend/db in default) plus the
// files under test; findings shown as `code L:C-L:C message` with 1-based positions, as editors do.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyEdits } from '../../../../server/src/engine/edits';
import { LINT_RULES } from '../../../../server/src/engine/lint';
import type { Finding } from '../../../../server/src/engine/types';
import type { EngineOptions } from '../../../../server/src/engine/workspace';
import { Workspace } from '../../../../server/src/engine/workspace';
import { samplesDir } from '../../../helpers/paths';

const LINT_CODES = new Set(LINT_RULES.map((r) => r.code));

export const POLICY_HEAD = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n';

/** The samples' cluster and pods, plus `files`. */
export function workspace(
  files: Record<string, string>,
  options: EngineOptions = {},
  cluster = true,
): Workspace {
  const ws = new Workspace(options);
  if (cluster) {
    for (const f of ['cluster.yaml', 'pods.yaml']) {
      ws.setFile({ path: f, text: fs.readFileSync(path.join(samplesDir, f), 'utf8') });
    }
  }
  for (const [p, text] of Object.entries(files)) ws.setFile({ path: p, text });
  return ws;
}

export function show(f: Finding): string {
  const { start, end } = f.range;
  return `${f.code} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${f.message}`;
}

/** The lint findings of a file, shown. */
export function lints(ws: Workspace, file: string): string[] {
  return ws
    .findings(file)
    .filter((f) => LINT_CODES.has(f.code))
    .map(show);
}

export function errors(ws: Workspace, file: string): string[] {
  return ws
    .findings(file)
    .filter((f) => f.severity === 'error')
    .map(show);
}

/** The one finding of `code` in a file. */
export function findingOf(ws: Workspace, file: string, code: string): Finding {
  const found = ws.findings(file).filter((f) => f.code === code);
  assert.equal(found.length, 1, `one ${code} finding in ${file}: ${found.map(show).join('; ')}`);
  return found[0]!;
}

/** Applies a fix to the file in the workspace and returns the new text. */
export function applyFix(ws: Workspace, file: string, code: string, title?: string): string {
  const f = findingOf(ws, file, code);
  const fix = title ? f.fixes?.find((x) => x.title === title) : f.fixes?.[0];
  assert.ok(fix, `${code} offers the fix ${title ?? '(first)'}`);
  const text = applyEdits(ws.file(file)!.parsed.text, fix.edits);
  ws.setFile({ path: file, text });
  return text;
}
