// What every leg of a trace needs to know about the connection being traced.
import type { FlannelBackend } from '../model';
import type { Protocol } from '../types';
import type { NodeNet, PodNet } from './network';
import type { PolicyOutcome } from './policy';
import type { Destination } from './resolve';
import type { HopPlace, TraceDrop } from './types';
import type { Walk } from './walk';

export interface TraceContext {
  backend: FlannelBackend;
  src: PodNet;
  srcNode: NodeNet;
  dst: Destination;
  port: number;
  protocol: Protocol;
  policy: PolicyOutcome;
  walk: Walk;
}

/** A drop that is not a policy's: the packet has nowhere to go. */
export function dataplaneDrop(
  ctx: TraceContext,
  reason: 'arp-failed' | 'no-route' | 'no-endpoints' | 'no-local-endpoint',
  why: string,
): TraceDrop {
  return {
    direction: 'egress',
    pod: ctx.src.key,
    policies: [],
    reason,
    stage: 'connection',
    explanation: [why],
  };
}

/** The location fields of a hop in a node's root netns. */
export function at(
  node: NodeNet,
  device: string,
  place: Exclude<HopPlace, 'pod-eth0'>,
): { node: string; netns: string; device: string; place: HopPlace } {
  return { node: node.name, netns: 'root', device, place };
}

/** `default/db (10.244.1.7)` for a pod, the address otherwise. */
export function destinationLabel(ctx: TraceContext): string {
  return ctx.dst.kind === 'pod' ? `${ctx.dst.pod.key} (${ctx.dst.ip})` : ctx.dst.ip;
}

export const service = (ctx: TraceContext): string => `${ctx.protocol} ${ctx.port}`;
