// NetworkPolicy Lens: Allow Connection… / Deny Connection… — the argument `{from, to, port?,
// protocol?}` (from a quick fix, the matrix, a trace, the changes view) or quick picks for what it
// leaves out (source, destination, protocol, port or every port); then the server's proposal,
// previewed, and applied only when the user says so.
import * as vscode from 'vscode';
import type { Protocol } from '../../../server/src/engine/types';
import type { IntentParams, IntentResult, TopologyResult } from '../../../server/src/protocol/requests';
import { IntentRequestType } from '../../../server/src/protocol/requests';
import { steps } from '../picks/quickPick';
import {
  destinationChoices,
  forIntent,
  podOf,
  portChoices,
  protocolChoices,
  serviceOf,
  sourceChoices,
} from '../picks/traceChoices';
import type { Choice } from '../picks/traceChoices';
import { parseTraceArgs } from '../../../server/src/protocol/commandArgs';
import type { PartialTrace } from '../../../server/src/protocol/commandArgs';
import { reportingFailures } from './services';
import type { CommandFactory, Services } from './services';

type Action = 'allow' | 'deny';
type ConnectionParams = Extract<IntentParams, { intent: Action }>;

/** Port 0 in the picks stands for "every port of the protocol". */
const EVERY_PORT = 0;

async function askMissing(
  t: TopologyResult,
  action: Action,
  known: PartialTrace,
): Promise<ConnectionParams | undefined> {
  const title = action === 'allow' ? 'Allow Connection' : 'Deny Connection';
  const step = steps(title, 4);
  const from = known.from ?? (await step(1, 'Source workload or pod', () => forIntent(sourceChoices(t), t)));
  if (from === undefined) return undefined;
  const picked =
    known.to ??
    (await step(2, `Destination workload, pod or Service, or type an IP address (from ${from})`, (typed) =>
      forIntent(destinationChoices(t, typed), t),
    ));
  if (picked === undefined) return undefined;
  // The trace picks name a Service by its DNS name; an intent names it `svc/ns/name`.
  const service = serviceOf(t, picked);
  const to = service ? `svc/${service.key}` : picked;
  const protocol = known.protocol ?? (await step(3, 'Protocol', () => protocolChoices()));
  if (protocol === undefined) return undefined;
  const port =
    known.port ??
    (await step(4, `Port on ${to} (a declared port, every port, or type a number)`, (typed) =>
      withEveryPort(portChoices(service ?? podOf(t, to), protocol, typed), protocol),
    ));
  if (port === undefined) return undefined;
  return port === EVERY_PORT
    ? { intent: action, from, to, protocol }
    : { intent: action, from, to, port, protocol };
}

function withEveryPort(choices: Choice<number>[], protocol: Protocol): Choice<number>[] {
  return [...choices, { label: `every ${protocol} port`, value: EVERY_PORT }];
}

async function paramsFor(s: Services, action: Action, arg: unknown): Promise<ConnectionParams | undefined> {
  const parsed = parseTraceArgs(arg);
  if (!parsed.ok) throw new Error(parsed.error);
  const { from, to, port, protocol } = parsed.value;
  if (from && to && port !== undefined)
    return { intent: action, from, to, port, protocol: protocol ?? 'TCP' };
  const topology = await s.ctx.topology();
  if (!topology.pods.length) {
    void vscode.window.showInformationMessage(
      'The workspace declares no pods (Pod, Deployment, … manifests).',
    );
    return undefined;
  }
  return askMissing(topology, action, parsed.value);
}

/** Asks the server for a proposal, previews it and applies it when chosen; true when applied. */
export async function proposeAndReview(s: Services, params: IntentParams): Promise<boolean> {
  const result: IntentResult = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Looking for the smallest edit…' },
    () => s.ctx.request(IntentRequestType, params),
  );
  if (!result.ok) {
    void vscode.window.showWarningMessage(result.reason);
    return false;
  }
  return s.proposals.review(result);
}

function connectionCommand(action: Action): CommandFactory {
  const title = action === 'allow' ? 'Allow Connection' : 'Deny Connection';
  return reportingFailures(title, async (s, arg) => {
    const params = await paramsFor(s, action, arg);
    return params ? proposeAndReview(s, params) : undefined;
  });
}

export const allowConnection = connectionCommand('allow');
export const denyConnection = connectionCommand('deny');
