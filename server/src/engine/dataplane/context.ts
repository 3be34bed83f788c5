// What every leg of a trace needs to know about the connection being traced.
import type { FlannelBackend } from '../model';
import type { Protocol } from '../types';
import type { NodeNet, PodNet } from './network';
import type { PolicyOutcome } from './policy';
import type { Destination } from './resolve';
import type { HopPlace, TraceDrop } from './types';
import type { Walk } from './walk';

/** What the legs from routing onwards need: the source is only an address (a pod's, or a client's). */
export interface PathContext {
  backend: FlannelBackend;
  /** `ns/pod` or the client's address, and the source address the packet carries. */
  src: { key: string; ip: string };
  srcNode: NodeNet;
  dst: Destination;
  port: number;
  protocol: Protocol;
  policy: PolicyOutcome;
  walk: Walk;
}

/** A connection from a pod: the legs that leave the pod need its netns and veth. */
export interface TraceContext extends PathContext {
  src: PodNet;
}

/** A drop that is not a policy's: the packet has nowhere to go. */
export function dataplaneDrop(
  ctx: PathContext,
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
    nearMiss: null,
  };
}

/**
 * The location fields of a hop at a node: its root netns, or `underlay` for the wire the node sends
 * on, which is in no netns of any node.
 */
export function at(
  node: NodeNet,
  device: string,
  place: Exclude<HopPlace, 'pod-eth0'>,
): { node: string; netns: string; device: string; place: HopPlace } {
  return { node: node.name, netns: place === 'underlay' ? 'underlay' : 'root', device, place };
}

/** `default/db (10.244.1.7)` for a pod, the address otherwise. */
export function destinationLabel(ctx: PathContext): string {
  return ctx.dst.kind === 'pod' ? `${ctx.dst.pod.key} (${ctx.dst.ip})` : ctx.dst.ip;
}

export const service = (ctx: PathContext): string => `${ctx.protocol} ${ctx.port}`;
