// The dataplane simulator's public surface: the network model, its tables, and packet traces.
export { buildDataplane } from './build';
export type {
  Dataplane,
  FdbEntry,
  Neighbour,
  NetInterface,
  NodeNet,
  NodeTables,
  PodNet,
  Route,
  VxlanDevice,
} from './network';
export { VXLAN_OVERHEAD, VXLAN_PORT, VXLAN_VNI } from './network';
export { isTraceError, traceConnection, traceInDataplane } from './trace';
export type * from './types';
