// In-process timing of a trace through a Service on a large workspace (built to out/bench/serviceTrace.js
// and run by bench/run.mjs): loads the workspace's files into the engine once, then traces from a
// pod to Services by DNS name (the lookup, kube-proxy's DNAT, the overlay), first and repeated.
// Usage: node out/bench/serviceTrace.js <dir> [traces]; prints JSON.
import fs from 'node:fs';
import path from 'node:path';
import { isTraceError, traceConnection } from '../server/src/engine/dataplane';
import { servicesOf } from '../server/src/engine/services';
import { Workspace } from '../server/src/engine/workspace';

function load(dir: string): Workspace {
  const ws = new Workspace();
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort())
    ws.setFile({ path: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') });
  return ws;
}

function main(): void {
  const dir = process.argv[2] ?? '.';
  const count = Number(process.argv[3] ?? 21);
  const t0 = performance.now();
  const topology = load(dir).topology();
  const loadMs = performance.now() - t0;
  const services = servicesOf(topology).services.filter((s) => s.endpoints.length && s.ports.length);
  const times: number[] = [];
  let sample = '';
  for (let i = 0; i < count; i++) {
    const svc = services[(i * 7) % services.length]!;
    const src = topology.pods[(i * 997) % topology.pods.length]!;
    const start = performance.now();
    const t = traceConnection(topology, {
      from: `${src.namespace}/${src.name}`,
      to: `${svc.name}.${svc.namespace}`,
      port: svc.ports[0]!.port,
      protocol: svc.ports[0]!.protocol,
    });
    times.push(performance.now() - start);
    if (isTraceError(t)) throw new Error(t.error);
    sample ||= `${t.from} → ${t.to}: ${t.verdict}, ${(t.dns?.hops.length ?? 0) + t.hops.length} hops`;
  }
  const rest = times.slice(1).sort((a, b) => a - b);
  const median = rest[Math.floor(rest.length / 2)] ?? times[0]!;
  console.log(
    JSON.stringify({
      pods: topology.pods.length,
      services: services.length,
      loadMs,
      first: times[0],
      median,
      sample,
    }),
  );
}

main();
