// Whole-process benchmarks of the CLI (`check`, `matrix`) against the parse baseline: a bundled
// process that only runs yaml's parseAllDocuments over the same files.
import path from 'node:path';
import { timeInterleaved, runNode } from './measure.mjs';

const root = path.resolve(import.meta.dirname, '..');
export const cliPath = path.join(root, 'server', 'out', 'cli.js');

function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} did not print JSON: ${text.slice(0, 300)}`);
  }
}

/**
 * Errors reported on a generated valid workspace are false positives or generator bugs: report them.
 * A workspace generated with mistakes (`withMistakes`) is expected to have errors.
 */
function errorNote(findings, withMistakes = false) {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.length - errors.length;
  if (!errors.length || withMistakes)
    return `${findings.length} findings (${warnings} non-errors), ${errors.length || 'no'} errors`;
  const e = errors[0];
  return (
    `UNEXPECTED ${errors.length} errors on a valid workspace, e.g. ${path.basename(e.file)}:` +
    `${e.range.start.line + 1} ${e.code}: ${e.message}`
  );
}

export function benchCheck(ws, baseline, runs, withMistakes = false) {
  const [base, check] = timeInterleaved(
    [
      [baseline, ...ws.files],
      [cliPath, 'check', ...ws.files, '--format', 'json'],
    ],
    runs,
  );
  const r = check.last;
  if (r.status !== 0 && r.status !== 1) throw new Error(`check exited ${r.status}: ${r.stderr.trim()}`);
  const findings = parseJson(r.stdout, 'check');
  return {
    name: 'check: 2,000 policies + 2,000 pods (process)',
    measured: check.median,
    baseline: base.median,
    target: 2,
    notes:
      `exit ${r.status}; ${errorNote(findings, withMistakes)}; ${cpuNote(check, base)}; ` +
      `runs ${check.times.map((t) => t.toFixed(0)).join('/')} ms; peak RSS ${r.maxRssMB.toFixed(0)} MB`,
  };
}

/** CPU time (user + system) is steadier than wall time when the machine is shared. */
function cpuNote(measured, base) {
  const ratio = measured.cpuMedian / base.cpuMedian;
  return `CPU ${measured.cpuMedian.toFixed(0)} ms vs ${base.cpuMedian.toFixed(0)} ms = ${ratio.toFixed(2)}×`;
}

function matrixArgs(ws) {
  return [cliPath, 'matrix', ...ws.files, '--port', '8080', '--protocol', 'TCP', '--format', 'json'];
}

function matrixNote(r) {
  if (r.status !== 0) throw new Error(`matrix exited ${r.status}: ${r.stderr.trim()}`);
  const m = parseJson(r.stdout, 'matrix');
  return { m, text: `${m.pods.length} pods, ${m.allowed.length} allowed pairs, ${m.classes} classes` };
}

export function benchMatrix(ws, baseline, runs) {
  const [base, matrix] = timeInterleaved([[baseline, ...ws.files], matrixArgs(ws)], runs);
  return {
    name: 'matrix: 1,000 pods × 300 policies, TCP 8080 (process)',
    measured: matrix.median,
    baseline: base.median,
    target: 5,
    notes: `${matrixNote(matrix.last).text}; ${cpuNote(matrix, base)}; peak RSS ${matrix.last.maxRssMB.toFixed(0)} MB`,
  };
}

export function benchMatrixLarge(ws, baseline, runs = 3) {
  const [base, matrix] = timeInterleaved([[baseline, ...ws.files], matrixArgs(ws)], runs);
  const r = matrix.last;
  const { m, text } = matrixNote(r);
  return {
    name: 'matrix: 5,000 pods × 1,000 policies (process)',
    measured: matrix.median,
    baseline: base.median,
    target: 2,
    rssMB: r.maxRssMB,
    notes:
      `${text}; ${cpuNote(matrix, base)}; runs ${matrix.times.map((t) => t.toFixed(0)).join('/')} ms; ` +
      `peak RSS ${r.maxRssMB.toFixed(0)} MB`,
    classes: m.classes,
  };
}

/** Re-runs a CLI command under --cpu-prof; returns the profile path. */
export function profileCli(args, dir, name) {
  runNode(['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${name}.cpuprofile`, cliPath, ...args]);
  return path.join(dir, `${name}.cpuprofile`);
}

export const checkArgs = (ws) => ['check', ...ws.files, '--format', 'json'];
export const matrixCliArgs = (ws) => matrixArgs(ws).slice(1);
