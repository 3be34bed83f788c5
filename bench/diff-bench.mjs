// `netpol-lens diff` of two revisions of the 2,000-policy / 2,000-pod workspace that differ in 20
// policies, against the parse baseline of both revisions' files, with the peak memory of the process.
// The head revision is the base with 20 policies edited as a pull request would: a peer replaced, a
// rule dropped, a rule added (round robin over evenly spaced policies). The worst case deletes every
// policy: millions of connections added, measured for its peak memory (bounded by the groups).
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { cliPath } from './cli-bench.mjs';
import { runNode, timeInterleaved } from './measure.mjs';
import { workDir } from './workspaces.mjs';

export const EDITED_POLICIES = 20;

const headDir = (ws) => path.join(workDir, `${ws.name}-head`);

/** The command measured (without the node executable); the head revision must be prepared. */
export const diffCliArgs = (ws) => ['diff', ws.dir, headDir(ws), '--format', 'json'];

/** The edit of one policy (a plain object), by kind. */
function edit(policy, kind) {
  const ingress = policy.spec.ingress;
  const ports = ingress[0].ports;
  if (kind === 0) ingress[0].from[0] = { podSelector: { matchLabels: { app: 'app-0' } } };
  else if (kind === 1 && ingress.length > 1) ingress.pop();
  else ingress.push({ from: [{ namespaceSelector: { matchLabels: { team: 'red' } } }], ports });
}

/** Writes the head revision beside the base workspace; returns its folder. */
export function prepareHead(ws) {
  const dir = headDir(ws);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ws.files) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  const docs = ws.policies.text.split(/^---\n/m);
  const step = Math.floor(docs.length / EDITED_POLICIES);
  for (let k = 0; k < EDITED_POLICIES && docs.length; k++) {
    const i = Math.min(k * step, docs.length - 1);
    const policy = parseAllDocuments(docs[i])[0].toJS();
    edit(policy, k % 3);
    docs[i] = stringify(policy);
  }
  fs.writeFileSync(path.join(dir, ws.policies.name), docs.join('---\n'));
  return dir;
}

export function benchDiff(ws, baseline, runs) {
  const head = prepareHead(ws);
  const headFiles = ws.files.map((f) => path.join(head, path.basename(f)));
  const [base, diff] = timeInterleaved(
    [
      [baseline, ...ws.files, ...headFiles],
      [cliPath, ...diffCliArgs(ws)],
    ],
    runs,
  );
  const r = diff.last;
  if (r.status !== 0) throw new Error(`diff exited ${r.status}: ${r.stderr.trim()}`);
  const d = JSON.parse(r.stdout);
  const cpu = diff.cpuMedian / base.cpuMedian;
  return {
    name: `diff: 2 revisions of 2,000 policies + 2,000 pods, ${EDITED_POLICIES} policies edited (process)`,
    measured: diff.median,
    baseline: base.median,
    notes:
      `${d.added.length} added, ${d.removed.length} removed, ${d.unchanged} unchanged in ${d.groups.length} groups ` +
      `over ${d.ports.length} ports; baseline parses both revisions; CPU ${diff.cpuMedian.toFixed(0)} ms vs ` +
      `${base.cpuMedian.toFixed(0)} ms = ${cpu.toFixed(2)}×; runs ${diff.times.map((t) => t.toFixed(0)).join('/')} ms; ` +
      `peak RSS ${r.maxRssMB.toFixed(0)} MB`,
  };
}

const noPoliciesDir = (ws) => path.join(workDir, `${ws.name}-no-policies`);

/** The worst case's command: text, as a reviewer reads it (JSON would list millions of connections). */
export const worstDiffArgs = (ws) => ['diff', ws.dir, noPoliciesDir(ws), '--format', 'text'];

/** The head revision of the worst case: the workspace without its policies file. */
function prepareNoPolicies(ws) {
  const dir = noPoliciesDir(ws);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ws.files)
    if (path.basename(f) !== ws.policies.name) fs.copyFileSync(f, path.join(dir, path.basename(f)));
  return dir;
}

/** Peak memory of the worst case (one run: it is long, and memory does not drift like time). */
export function benchDiffWorst(ws, limitMB) {
  prepareNoPolicies(ws);
  const r = runNode([cliPath, ...worstDiffArgs(ws)]);
  if (r.status !== 0) throw new Error(`diff exited ${r.status}: ${r.stderr.trim()}`);
  const lines = r.stdout.split('\n');
  const shown = lines.filter((l) => /^ {2}[+-] /.test(l)).length;
  const more = Number(/and (\d+) more groups?/.exec(r.stdout)?.[1] ?? 0);
  return {
    name: 'diff worst case: every policy of the 2,000-policy / 2,000-pod workspace deleted (process, peak RSS)',
    value: r.maxRssMB,
    unit: 'MB',
    absLimit: limitMB,
    notes: `${lines[1]} in ${shown + more} groups; ${(r.ms / 1000).toFixed(1)} s; CPU ${(r.cpuMs / 1000).toFixed(1)} s`,
  };
}
