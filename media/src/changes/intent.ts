// What a changes row's "Deny…" (a newly allowed group) or "Allow…" (a newly removed one) asks for
// (pure): each side as one intent endpoint — the workload when the group names all of its pods
// ("3 pods of deploy/shop/web"), the pod when it holds one, else its first pod — on the group's
// first port. The button's title says exactly which pair and port.
import type { ChangesResult } from '../../../server/src/protocol/requests';
import type { IntentRequest } from '../../../server/src/protocol/webview';

type Group = ChangesResult['groups'][number];

const WORKLOAD = /^\d+ pods of ([a-z]+\/[^/\s]+\/[^/\s]+)$/;

function sideOf(pods: readonly string[], label: string): string | undefined {
  if (pods.length === 1) return pods[0];
  return WORKLOAD.exec(label)?.[1] ?? pods[0];
}

export function intentOf(g: Group): IntentRequest | undefined {
  const from = sideOf(g.from, g.fromLabel);
  const to = sideOf(g.to, g.toLabel);
  const port = g.ports[0];
  if (!from || !to || !port) return undefined;
  return {
    action: g.change === 'added' ? 'deny' : 'allow',
    from,
    to,
    port: port.port,
    protocol: port.protocol,
  };
}

export function intentTitle(r: IntentRequest): string {
  const verb = r.action === 'deny' ? 'denies' : 'allows';
  return `Propose the smallest edit that ${verb} ${r.from} → ${r.to} on ${r.protocol ?? 'TCP'} ${r.port ?? ''}`.trim();
}
