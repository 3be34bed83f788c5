// The topology panel (one at a time): nodes, pod CIDRs, pods and the flannel backend; policy links
// open the YAML. Re-run when the model changes, restored after a reload.
import * as vscode from 'vscode';
import type { TopologyResult } from '../../../server/src/protocol/requests';
import type { Ctx } from '../ctx';
import { openPolicy } from '../openPolicy';
import type { LiveSpec } from './live';
import { LivePanels } from './livePanels';

const topologySpec = (ctx: Ctx): LiveSpec<null, TopologyResult> => ({
  view: 'topology',
  title: () => 'Topology',
  progress: () => 'Reading the topology…',
  commandProgress: 'window',
  request: () => ctx.topology(),
  message: (topology) => ({ type: 'topology', topology }),
  failure: { notify: 'The topology could not be read', log: 'topology' },
  handlers: () => ({ openPolicy: ({ policy }) => openPolicy(ctx, policy) }),
  restore: () => null,
  reuses: () => true,
});

export class TopologyView extends LivePanels<null, TopologyResult> {
  constructor(ctx: Ctx) {
    super(ctx, topologySpec(ctx), vscode.ViewColumn.Active);
  }

  override show(): Promise<TopologyResult | undefined> {
    return super.show(null);
  }
}
