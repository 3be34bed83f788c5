// A node's root netns before its tables: eth0 on the underlay, the cni0 bridge, flannel.1 (VXLAN
// backend only) and the annotations flanneld publishes on the Node object for the other nodes to read.
import type { ClusterNode, FlannelBackend } from '../model';
import { localMac, vendorMac } from './hash';
import type { Cidr } from '../ipv4';
import { formatIPv4, parseCidr, parseIPv4 } from '../ipv4';
import type { NetInterface, NodeBase, VxlanDevice } from './network';
import { UNDERLAY_MTU, VXLAN_OVERHEAD, VXLAN_PORT, VXLAN_VNI } from './network';

/** VirtualBox's OUI: the seed's 192.168.56.0/24 is VirtualBox's host-only network. */
const NODE_NIC_OUI: [number, number, number] = [0x08, 0x00, 0x27];
/** QEMU/KVM's OUI, for the underlay router. */
const ROUTER_OUI: [number, number, number] = [0x52, 0x54, 0x00];
const UNDERLAY_PREFIX = 24;

/** The node's devices, or why it cannot be modelled. */
export function nodeBase(node: ClusterNode, backend: FlannelBackend): NodeBase | string {
  const subnet = parseCidr(node.podCIDR);
  if (subnet === undefined || subnet.prefix > 30)
    return `node ${node.name} has no usable podCIDR (${node.podCIDR || 'none'})`;
  const ip = parseIPv4(node.internalIP);
  if (ip === undefined) return `node ${node.name} has no usable InternalIP (${node.internalIP || 'none'})`;
  const underlay = { base: ip - (ip % 2 ** (32 - UNDERLAY_PREFIX)), prefix: UNDERLAY_PREFIX };
  const gateway = formatIPv4(ip === underlay.base + 1 ? underlay.base + 254 : underlay.base + 1);
  const mtu = backend === 'vxlan' ? UNDERLAY_MTU - VXLAN_OVERHEAD : UNDERLAY_MTU;
  const vtep = backend === 'vxlan' ? vxlanDevice(node, subnet, mtu) : null;
  return {
    name: node.name,
    node,
    ip: node.internalIP,
    subnet,
    underlay,
    gateway,
    gatewayMac: vendorMac(ROUTER_OUI, `router/${gateway}`),
    eth0: {
      name: 'eth0',
      mac: vendorMac(NODE_NIC_OUI, `eth0/${node.name}`),
      address: `${node.internalIP}/${UNDERLAY_PREFIX}`,
      mtu: UNDERLAY_MTU,
    },
    bridge: {
      name: 'cni0',
      mac: localMac(`cni0/${node.name}`),
      address: `${formatIPv4(subnet.base + 1)}/${subnet.prefix}`,
      mtu,
    },
    vtep,
    annotations: flannelAnnotations(node, backend, vtep),
  };
}

function vxlanDevice(node: ClusterNode, subnet: Cidr, mtu: number): VxlanDevice {
  return {
    name: 'flannel.1',
    mac: localMac(`flannel.1/${node.name}`),
    address: `${formatIPv4(subnet.base)}/32`,
    mtu,
    vni: VXLAN_VNI,
    udpPort: VXLAN_PORT,
    local: node.internalIP,
    underlayDevice: 'eth0',
  };
}

function flannelAnnotations(
  node: ClusterNode,
  backend: FlannelBackend,
  vtep: VxlanDevice | null,
): Record<string, string> {
  return {
    'flannel.alpha.coreos.com/backend-data': vtep
      ? JSON.stringify({ VNI: vtep.vni, VtepMAC: vtep.mac })
      : 'null',
    'flannel.alpha.coreos.com/backend-type': backend,
    'flannel.alpha.coreos.com/kube-subnet-manager': 'true',
    'flannel.alpha.coreos.com/public-ip': node.internalIP,
  };
}

/** The address without its prefix length. */
export function addressOf(iface: NetInterface): string {
  return (iface.address ?? '').split('/')[0] ?? '';
}
