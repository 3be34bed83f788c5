// Who writes each table entry, in words a reader can check against a real node.

export const ORIGIN = {
  connected: (dev: string): string => `kernel: connected route for ${dev}'s address`,
  local: (dev: string): string => `kernel: local route for ${dev}'s own address`,
  nodeDefault: "the node's network configuration: default gateway of the underlay",
  podDefault: "CNI bridge plugin: default route via the bridge (isDefaultGateway in flannel's CNI config)",
  podNetwork: (network: string): string =>
    `CNI bridge plugin: flannel's CNI config routes the cluster network ${network} via the bridge`,
  vxlanRoute: (remote: string): string =>
    `flanneld (vxlan backend): ${remote}'s subnet lease, read through the API server or etcd`,
  hostGwRoute: (remote: string): string =>
    `flanneld (host-gw backend): ${remote}'s subnet lease and its annotation flannel.alpha.coreos.com/public-ip, read through the API server or etcd`,
  vtepNeighbour: (remote: string): string =>
    `flanneld: VtepMAC from ${remote}'s annotation flannel.alpha.coreos.com/backend-data, read through the API server or etcd (step 3b)`,
  vtepFdb: (remote: string): string =>
    `flanneld: ${remote}'s annotation flannel.alpha.coreos.com/public-ip (its VTEP's underlay address), read through the API server or etcd (step 3b)`,
  arpLearned: (dev: string): string => `kernel: learned by ARP on ${dev}`,
  arpFailed: (dev: string): string => `kernel: ARP on ${dev} got no answer`,
  fdbLearned: (bridge: string): string => `kernel: learned by ${bridge} from the pod's frames`,
  fdbPort: (bridge: string): string =>
    `kernel: the veth's own address, added when the CNI bridge plugin attached it to ${bridge}`,
  masquerade: 'flanneld (--ip-masq): FLANNEL-POSTRTG chain of the nat table, jumped to from POSTROUTING',
} as const;
