// Names the client shares with package.json: the settings section, ids of views and state keys.
export const SECTION = 'netpolLens';
export const OUTPUT_NAME = 'NetworkPolicy Lens';

export const settings = {
  animationSpeed: 'traceView.animationSpeed',
  extraTopologyPaths: 'extraTopologyPaths',
} as const;

export const viewTypes = {
  trace: 'netpolLens.trace',
  matrix: 'netpolLens.matrix',
  topology: 'netpolLens.topology',
  changes: 'netpolLens.changes',
} as const;

export const stateKeys = {
  /** The recent trace requests, the latest first. */
  recentTraces: 'netpolLens.recentTraces',
  lastMatrix: 'netpolLens.lastMatrix',
} as const;

/** Context keys set while the cursor is inside a Pod / workload / NetworkPolicy manifest (editor/context menu). */
export const CURSOR_ON_POD = 'netpolLens.cursorOnPod';
export const CURSOR_ON_WORKLOAD = 'netpolLens.cursorOnWorkload';
export const CURSOR_ON_POLICY = 'netpolLens.cursorOnPolicy';
export const CURSOR_ON_SERVICE = 'netpolLens.cursorOnService';

export const EXPLAIN_SCHEME = 'netpol-lens-explain';
