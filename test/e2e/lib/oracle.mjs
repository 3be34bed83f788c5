// The CLI (same engine, no editor) as the oracle the editor-level tests compare the UI with.
import { spawnSync } from 'node:child_process';
import { cliPath } from './workspaces.mjs';

/** Runs `netpol-lens <args> --format json`; exit 1 only means "errors found". */
export function cli(args) {
  const r = spawnSync(process.execPath, [cliPath, ...args, '--format', 'json'], { encoding: 'utf8' });
  const fail = (why) => new Error(`netpol-lens ${args.join(' ')}: ${why} (exit ${r.status}): ${r.stderr}`);
  if (r.status !== 0 && r.status !== 1) throw fail('failed');
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw fail(`printed no JSON: ${JSON.stringify(r.stdout.slice(0, 200))}`);
  }
}

export const check = (path) => cli(['check', path]);

export const trace = (dir, from, to, port, protocol = 'TCP') =>
  cli(['trace', dir, '--from', from, '--to', to, '--port', String(port), '--protocol', protocol]);

export const matrix = (dir, port, protocol = 'TCP') =>
  cli(['matrix', dir, '--port', String(port), '--protocol', protocol]);

/** {node, ip} of a pod in a trace's node summaries. */
export function podPlace(traceJson, key) {
  for (const node of traceJson.nodes ?? []) {
    const pod = node.pods.find((p) => p.key === key);
    if (pod) return { node: node.name, ip: pod.ip };
  }
  throw new Error(`the trace does not describe ${key}`);
}
