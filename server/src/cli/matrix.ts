// `netpol-lens matrix`: which pod may open a connection to which, on one port and protocol, or on a
// port name (or every declared port) resolved per destination.
import { computeMatrix, streamMatrix } from '../engine/matrix';
import { computePortsMatrix } from '../engine/portsMatrix';
import type { Protocol } from '../engine/types';
import { EXIT_OK } from './errors';
import { LazyList, writeJson, writeJsonPaced } from './formats/json';
import { matrixText } from './formats/matrix';
import type { LoadedWorkspace } from './load';
import type { Output } from './output';

export const MATRIX_FORMATS = ['text', 'json'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export async function runMatrix(loaded: LoadedWorkspace, flags: MatrixFlags, out: Output): Promise<number> {
  const topology = loaded.workspace.topology();
  const enforced = topology.dataplane.enforcement;
  if (typeof flags.port === 'string') {
    const m = computePortsMatrix(topology, flags.port, flags.protocol);
    if (flags.format === 'json') writeJson(m, (text) => out.write(text));
    else out.write(matrixText({ ...m, enforced }, out));
    return EXIT_OK;
  }
  if (flags.format === 'json') {
    // Pairs are made as the reader takes the text: millions of them are never held at once.
    const m = streamMatrix(topology, flags.port, flags.protocol);
    const allowed = new LazyList(() => m.allowed());
    await writeJsonPaced(
      { protocol: m.protocol, port: m.port, pods: m.pods, allowed, classes: m.classes },
      out,
    );
  } else out.write(matrixText({ ...computeMatrix(topology, flags.port, flags.protocol), enforced }, out));
  return EXIT_OK;
}

export interface MatrixFlags {
  /** A number, a port name, or `declared`. */
  port: number | string;
  protocol: Protocol;
  format: MatrixFormat;
}
