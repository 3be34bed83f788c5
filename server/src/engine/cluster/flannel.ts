// flannel's configuration, read from its ConfigMap `kube-flannel-cfg` (`net-conf.json`), with the
// defaults of flannel's own manifest: Network 10.244.0.0/16, backend vxlan.
import { parseCidr } from '../ipv4';
import type { DataplaneConfig } from '../model';
import type { ObjectFacts } from './facts';

export const FLANNEL_CONFIGMAP = 'kube-flannel-cfg';
export const DEFAULT_NETWORK = '10.244.0.0/16';

export function dataplaneOf(objects: readonly ObjectFacts[], enforcement: boolean): DataplaneConfig {
  const config: DataplaneConfig = { network: DEFAULT_NETWORK, backend: 'vxlan', enforcement };
  const cm = objects.findLast((o) => o.kind === 'ConfigMap' && o.name === FLANNEL_CONFIGMAP);
  if (!cm) return config;
  config.source = cm.source;
  const conf = cm.flannel;
  if (typeof conf?.network === 'string' && parseCidr(conf.network)) config.network = conf.network;
  if (conf?.backend === 'host-gw' || conf?.backend === 'vxlan') config.backend = conf.backend;
  return config;
}
