// Go to definition from a label in a selector to the labels of the pods (or namespaces) carrying it:
// the engine's sources (engine/language/definitions.ts) as LSP locations.
import type { Location, Position } from 'vscode-languageserver';
import { definitionsAt } from '../engine';
import type { FileAnalysis } from '../engine';
import type { ServerState } from './state';

export function definition(
  state: ServerState,
  analysis: FileAnalysis | undefined,
  position: Position,
): Location[] {
  if (!analysis?.parsed.isKubernetes) return [];
  return definitionsAt(state.engine, analysis.parsed, position).flatMap((ref) => {
    const range = state.engine.range(ref);
    return range ? [{ uri: ref.file, range }] : [];
  });
}
