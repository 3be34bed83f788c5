// NetworkPolicy Lens: Show Topology — nodes, pod CIDRs, pods and the flannel backend.
import type { CommandFactory } from './services';

export const showTopology: CommandFactory = (s) => () => s.topology.show();
