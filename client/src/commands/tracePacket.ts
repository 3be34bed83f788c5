// NetworkPolicy Lens: Trace Packet… — with a complete argument it traces at once; otherwise quick
// picks ask for what is missing (source, destination pod, Service or IP, protocol, port), remembering the
// last choices in the workspace state.
import * as vscode from 'vscode';
import type { TraceRequest } from '../../../server/src/engine/dataplane/types';
import type { TopologyResult } from '../../../server/src/protocol/requests';
import { stateKeys } from '../config';
import { showError } from '../errors';
import { steps } from '../picks/quickPick';
import {
  destinationChoices,
  podOf,
  portChoices,
  protocolChoices,
  recentFor,
  remember,
  serviceOf,
  sourceChoices,
} from '../picks/traceChoices';
import type { PartialTrace } from '../../../server/src/protocol/commandArgs';
import { isComplete, parseTraceArgs } from '../../../server/src/protocol/commandArgs';
import type { TraceOutcome } from '../webviews/traceView';
import { isTraceError } from '../webviews/traceView';
import { reportingFailures } from './services';
import type { CommandFactory, Services } from './services';

const TITLE = 'Trace Packet';

/** Asks what the argument leaves out; each step offers what was recently used with the choices made. */
async function askMissing(
  t: TopologyResult,
  known: PartialTrace,
  recent: readonly Partial<TraceRequest>[],
): Promise<TraceRequest | undefined> {
  const step = steps(TITLE, 4);
  const from =
    known.from ??
    (await step(1, 'Source workload or pod', () => sourceChoices(t, recentFor(recent, 'from', {}))));
  if (from === undefined) return undefined;
  const to =
    known.to ??
    (await step(2, `Destination workload, pod or Service, or type an IP address (from ${from})`, (typed) =>
      destinationChoices(t, typed, recentFor(recent, 'to', { from })),
    ));
  if (to === undefined) return undefined;
  const protocol =
    known.protocol ??
    (await step(3, 'Protocol', () => protocolChoices(recentFor(recent, 'protocol', { from, to }))));
  if (protocol === undefined) return undefined;
  const port =
    known.port ??
    (await step(4, `Port on ${to} (a declared port, or type a number)`, (typed) =>
      portChoices(
        serviceOf(t, to) ?? podOf(t, to),
        protocol,
        typed,
        recentFor(recent, 'port', { to, protocol }),
      ),
    ));
  return port === undefined ? undefined : { from, to, protocol, port };
}

function recentTraces(state: vscode.Memento): Partial<TraceRequest>[] {
  const list = state.get<unknown>(stateKeys.recentTraces, []);
  return Array.isArray(list)
    ? list.filter((r): r is Partial<TraceRequest> => typeof r === 'object' && r !== null)
    : [];
}

/** The request to trace: the argument when complete, else completed with quick picks. */
async function requestFor(s: Services, known: PartialTrace): Promise<TraceRequest | undefined> {
  // A complete argument needs no topology (netpol/trace itself waits for the workspace to be read).
  if (isComplete(known)) return known;
  const topology = await s.ctx.topology();
  if (!topology.pods.length) {
    void vscode.window.showInformationMessage(
      'The workspace declares no pods to trace between (Pod, Deployment, … manifests).',
    );
    return undefined;
  }
  return askMissing(topology, known, recentTraces(s.ctx.extension.workspaceState));
}

/** Puts a trace first in the recently used ones the quick picks offer. */
export async function rememberTrace(state: vscode.Memento, request: TraceRequest): Promise<void> {
  await state.update(stateKeys.recentTraces, remember(recentTraces(state), request));
}

export async function runTrace(s: Services, arg: unknown): Promise<TraceOutcome | undefined> {
  const parsed = parseTraceArgs(arg);
  if (!parsed.ok) return void (await showError(s.ctx.output, `Trace Packet: ${parsed.error}`));
  const request = await requestFor(s, parsed.value);
  if (!request) return undefined;
  await rememberTrace(s.ctx.extension.workspaceState, request);
  const outcome = await s.traces.show(request);
  if (isTraceError(outcome)) {
    const hint = outcome.suggestions.length ? ` Did you mean ${outcome.suggestions.join(', ')}?` : '';
    void vscode.window.showWarningMessage(`${outcome.error}${hint}`);
  }
  return outcome;
}

export const tracePacket: CommandFactory = reportingFailures('Trace Packet', runTrace);
