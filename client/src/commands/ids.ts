// Every command id the extension registers (package.json contributes the same ones).
export const COMMAND_IDS = [
  'netpolLens.tracePacket',
  'netpolLens.tracePacketFromPod',
  'netpolLens.tracePacketFromWorkload',
  'netpolLens.tracePacketToService',
  'netpolLens.showMatrix',
  'netpolLens.showTopology',
  'netpolLens.showChanges',
  'netpolLens.allowConnection',
  'netpolLens.denyConnection',
  'netpolLens.isolateNamespace',
  'netpolLens.tightenPolicy',
  'netpolLens.explainPolicy',
  'netpolLens.openSample',
  'netpolLens.showOutput',
  'netpolLens.restartServer',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
