// The table of commands: id → factory, one file each. The ids (ids.ts) are what package.json contributes.
import * as vscode from 'vscode';
import { allowConnection, denyConnection } from './connectionIntent';
import { explainPolicy } from './explainPolicy';
import { isolateNamespace, tightenPolicy } from './namespaceIntents';
import { openSample } from './openSample';
import { restartServer } from './restartServer';
import type { CommandId } from './ids';
import type { CommandFactory, Services } from './services';
import { showChanges } from './showChanges';
import { showMatrix } from './showMatrix';
import { showOutput } from './showOutput';
import { showTopology } from './showTopology';
import { tracePacket } from './tracePacket';
import { tracePacketFromPod, tracePacketFromWorkload } from './tracePacketFromPod';
import { tracePacketToService } from './tracePacketToService';

const COMMANDS: Readonly<Record<CommandId, CommandFactory>> = {
  'netpolLens.tracePacket': tracePacket,
  'netpolLens.tracePacketFromPod': tracePacketFromPod,
  'netpolLens.tracePacketFromWorkload': tracePacketFromWorkload,
  'netpolLens.tracePacketToService': tracePacketToService,
  'netpolLens.showMatrix': showMatrix,
  'netpolLens.showTopology': showTopology,
  'netpolLens.showChanges': showChanges,
  'netpolLens.allowConnection': allowConnection,
  'netpolLens.denyConnection': denyConnection,
  'netpolLens.isolateNamespace': isolateNamespace,
  'netpolLens.tightenPolicy': tightenPolicy,
  'netpolLens.explainPolicy': explainPolicy,
  'netpolLens.openSample': openSample,
  'netpolLens.showOutput': showOutput,
  'netpolLens.restartServer': restartServer,
};

export function registerCommands(s: Services): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(s)));
}
