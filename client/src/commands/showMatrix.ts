// NetworkPolicy Lens: Show Reachability Matrix — for a port and protocol (argument {port, protocol},
// or asked: a port some pod declares, or a typed one), every pod against every pod.
import { parseMatrixArg } from '../../../server/src/protocol/commandArgs';
import type { MatrixParams } from '../../../server/src/protocol/requests';
import { stateKeys } from '../config';
import { matrixPortChoices } from '../picks/matrixChoices';
import { steps } from '../picks/quickPick';
import { protocolChoices } from '../picks/traceChoices';
import { reportingFailures } from './services';
import type { CommandFactory, Services } from './services';

async function ask(s: Services): Promise<MatrixParams | undefined> {
  const topology = await s.ctx.topology();
  const last = s.ctx.extension.workspaceState.get<MatrixParams>(stateKeys.lastMatrix);
  const step = steps('Reachability Matrix', 2);
  const chosen = await step(1, 'Port (one the pods declare, or type a number)', (typed) =>
    matrixPortChoices(topology, typed, last),
  );
  if (!chosen) return undefined;
  const protocol = chosen.protocol ?? (await step(2, 'Protocol', () => protocolChoices(last?.protocol)));
  return protocol ? { port: chosen.port, protocol } : undefined;
}

export const showMatrix: CommandFactory = reportingFailures('Show Reachability Matrix', async (s, arg) => {
  const params = parseMatrixArg(arg) ?? (await ask(s));
  if (!params) return undefined;
  await s.ctx.extension.workspaceState.update(stateKeys.lastMatrix, params);
  return s.matrix.show(params);
});
