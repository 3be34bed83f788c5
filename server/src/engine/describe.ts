// Short phrases for model elements, shared by explanations, hover and lint messages.
import type { Peer, Pod, PolicyPort } from './model';
import { podKey } from './model';
import { describeSelector, isEmptySelector } from './selectors';

/** `pods app=web in namespace default`, `every pod in namespaces team=a`, `IPs in 10.0.0.0/8 except …`. */
export function describePeer(peer: Peer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except.length ? ` except ${peer.ipBlock.except.join(', ')}` : '';
    return `IPs in ${peer.ipBlock.cidr}${except}`;
  }
  if (!peer.podSelector && !peer.namespaceSelector) return 'nothing (an empty peer)';
  const pods =
    !peer.podSelector || isEmptySelector(peer.podSelector)
      ? 'every pod'
      : `pods ${describeSelector(peer.podSelector)}`;
  if (!peer.namespaceSelector) return `${pods} in namespace ${policyNamespace}`;
  if (isEmptySelector(peer.namespaceSelector)) return `${pods} in every namespace`;
  return `${pods} in namespaces ${describeSelector(peer.namespaceSelector)}`;
}

/** `TCP 80`, `TCP 80-90`, `TCP port http`, `every TCP port`. */
export function describePort(p: PolicyPort): string {
  if (p.port === undefined) return `every ${p.protocol} port`;
  if (typeof p.port === 'string') return `${p.protocol} port ${p.port}`;
  return p.endPort === undefined ? `${p.protocol} ${p.port}` : `${p.protocol} ${p.port}-${p.endPort}`;
}

/** `on every port`, `on TCP 80 or UDP 53`. */
export function describePorts(ports: readonly PolicyPort[] | undefined): string {
  if (!ports?.length) return 'on every port';
  return `on ${ports.map(describePort).join(' or ')}`;
}

/** `no pod`, `1 pod: default/db`, `3 pods: x/a, x/b, x/c`, `40 pods: x/a, … and 35 more`. */
export function describePods(pods: readonly Pod[], limit = 5): string {
  if (!pods.length) return 'no pod';
  return `${pods.length} pod${pods.length > 1 ? 's' : ''}: ${listPods(pods, limit)}`;
}

/** `x/a, x/b`, `x/a, x/b, x/c and 7 more`. */
export function listPods(pods: readonly Pod[], limit = 5): string {
  const names = pods.slice(0, limit).map(podKey).join(', ');
  return pods.length > limit ? `${names} and ${pods.length - limit} more` : names;
}
