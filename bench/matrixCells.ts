// In-process timing of the matrix webview's pure part (built to out/bench/matrixCells.js, run by hand):
// samples/shop with every Deployment's replicas multiplied (×66: 1,914 pods in 13 workloads and
// kube-dns), the view's matrix from the engine (classes, as the server sends them), then the element
// tree the webview mounts (every workload cell, the "allowed only" filter, the summary), with the
// workloads closed, one opened, in the declared-ports mode, and in the changes mode (every allowed
// pair newly allowed).
// Usage: node out/bench/matrixCells.js [factor] [runs]; prints JSON (milliseconds, median of the runs).
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { matrixView } from '../media/src/matrix/grid';
import { PairStates } from '../media/src/matrix/groups';
import type { ChangedPairsResult, ViewMatrix } from '../server/src/protocol/requests';
import { viewMatrix } from '../server/src/engine/matrixView';
import type { Topology } from '../server/src/engine/model';
import { Workspace } from '../server/src/engine/workspace';

const shop = path.join(__dirname, '..', '..', 'samples', 'shop');

/** A file of samples/shop with each `spec.replicas` multiplied by `factor`. */
function scaled(text: string, factor: number): string {
  return parseAllDocuments(text)
    .map((doc) => {
      const replicas = doc.getIn(['spec', 'replicas']);
      if (typeof replicas === 'number') doc.setIn(['spec', 'replicas'], replicas * factor);
      return doc.toString();
    })
    .join('---\n');
}

function topologyOf(factor: number): Topology {
  const ws = new Workspace();
  for (const name of fs.readdirSync(shop, { recursive: true }).map(String).sort())
    if (name.endsWith('.yaml'))
      ws.setFile({
        path: path.join(shop, name),
        text: scaled(fs.readFileSync(path.join(shop, name), 'utf8'), factor),
      });
  return ws.topology();
}

/** The changes mode with every allowed pair of the port matrix newly allowed (a large change). */
function everyAllowedPairAdded(matrix: ViewMatrix): ChangedPairsResult {
  const states = new PairStates(matrix);
  const added: [string, string][] = [];
  matrix.pods.forEach((a, i) =>
    matrix.pods.forEach((b, j) => {
      if (states.state(i, j) === 'allowed') added.push([a, b]);
    }),
  );
  return { available: true, message: `${added.length} added`, base: 'HEAD', added, removed: [] };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]! * 10) / 10;
}

function time(runs: number, f: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return median(times);
}

function main(): void {
  const factor = Number(process.argv[2] ?? 66);
  const runs = Number(process.argv[3] ?? 5);
  const topology = topologyOf(factor);
  const port = viewMatrix(topology, 8080, 'TCP', 'port');
  const declared = viewMatrix(topology, 8080, 'TCP', 'declared');
  const changes = everyAllowedPairAdded(port);
  const workloads = [...new Set(port.pods.map((p, i) => `${p.slice(0, p.indexOf('/'))}/${port.owners[i]}`))];
  const closed = { expanded: new Set<string>(), allowedOnly: false };
  const open = { expanded: new Set(workloads.slice(0, 1)), allowedOnly: false };
  const allowedOnly = { expanded: new Set<string>(), allowedOnly: true };
  const result = {
    pods: port.pods.length,
    workloads: workloads.length,
    classes: port.classes,
    portMs: time(runs, () => matrixView(port, closed)),
    portOpenMs: time(runs, () => matrixView(port, open)),
    portAllowedOnlyMs: time(runs, () => matrixView(port, allowedOnly)),
    declaredMs: time(runs, () => matrixView(declared, closed)),
    changesMs: time(runs, () => matrixView(port, closed, changes)),
  };
  console.log(JSON.stringify(result));
}

main();
