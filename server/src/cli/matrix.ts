// `netpol-lens matrix`: which pod may open a connection to which, on one port and protocol.
import { computeMatrix } from '../engine/matrix';
import { EXIT_OK } from './errors';
import { writeJson } from './formats/json';
import { matrixText } from './formats/matrix';
import type { LoadedWorkspace } from './load';
import type { PortFlags } from './options';
import type { Output } from './output';

export const MATRIX_FORMATS = ['text', 'json'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export function runMatrix(
  loaded: LoadedWorkspace,
  flags: PortFlags & { format: MatrixFormat },
  out: Output,
): number {
  const topology = loaded.workspace.topology();
  const m = computeMatrix(topology, flags.port, flags.protocol);
  if (flags.format === 'json') {
    const json = { protocol: m.protocol, port: m.port, pods: m.pods, allowed: m.allowed, classes: m.classes };
    writeJson(json, (text) => out.write(text));
  } else out.write(matrixText({ ...m, enforced: topology.dataplane.enforcement }, out));
  return EXIT_OK;
}
