// `netpol-lens matrix`: which pod may open a connection to which, on one port and protocol, or on a
// port name (or every declared port) resolved per destination.
import { computeMatrix } from '../engine/matrix';
import { computePortsMatrix } from '../engine/portsMatrix';
import type { Protocol } from '../engine/types';
import { EXIT_OK } from './errors';
import { writeJson } from './formats/json';
import { matrixText } from './formats/matrix';
import type { LoadedWorkspace } from './load';
import type { Output } from './output';

export const MATRIX_FORMATS = ['text', 'json'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export function runMatrix(loaded: LoadedWorkspace, flags: MatrixFlags, out: Output): number {
  const topology = loaded.workspace.topology();
  const enforced = topology.dataplane.enforcement;
  if (typeof flags.port === 'string') {
    const m = computePortsMatrix(topology, flags.port, flags.protocol);
    if (flags.format === 'json') writeJson(m, (text) => out.write(text));
    else out.write(matrixText({ ...m, enforced }, out));
    return EXIT_OK;
  }
  const m = computeMatrix(topology, flags.port, flags.protocol);
  if (flags.format === 'json') {
    const json = { protocol: m.protocol, port: m.port, pods: m.pods, allowed: m.allowed, classes: m.classes };
    writeJson(json, (text) => out.write(text));
  } else out.write(matrixText({ ...m, enforced }, out));
  return EXIT_OK;
}

export interface MatrixFlags {
  /** A number, a port name, or `declared`. */
  port: number | string;
  protocol: Protocol;
  format: MatrixFormat;
}
