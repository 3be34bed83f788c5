// flannel's configuration, read from its ConfigMap `kube-flannel-cfg` (`net-conf.json`), with the
// defaults of flannel's own manifest: Network 10.244.0.0/16, backend vxlan.
import type { ManifestObject } from '../documents';
import { parseCidr } from '../ipv4';
import type { DataplaneConfig } from '../model';
import { stringValue, valueOf } from '../yamlTree';

export const FLANNEL_CONFIGMAP = 'kube-flannel-cfg';
export const DEFAULT_NETWORK = '10.244.0.0/16';

export function dataplaneOf(objects: readonly ManifestObject[], enforcement: boolean): DataplaneConfig {
  const config: DataplaneConfig = { network: DEFAULT_NETWORK, backend: 'vxlan', enforcement };
  const cm = objects.findLast((o) => o.kind === 'ConfigMap' && o.name === FLANNEL_CONFIGMAP);
  if (!cm) return config;
  config.source = { file: cm.file, span: { start: cm.node.start, end: cm.node.end } };
  const text = stringValue(valueOf(valueOf(cm.node, 'data'), 'net-conf.json'));
  const conf = text === undefined ? undefined : parseNetConf(text);
  if (typeof conf?.network === 'string' && parseCidr(conf.network)) config.network = conf.network;
  if (conf?.backend === 'host-gw' || conf?.backend === 'vxlan') config.backend = conf.backend;
  return config;
}

/** `Network` and `Backend.Type` from net-conf.json; undefined when it is not a JSON object. */
function parseNetConf(text: string): { network: unknown; backend: unknown } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const rec = json as Record<string, unknown>;
  const backend = rec['Backend'];
  const type =
    typeof backend === 'object' && backend !== null
      ? (backend as Record<string, unknown>)['Type']
      : undefined;
  return { network: rec['Network'], backend: type };
}
