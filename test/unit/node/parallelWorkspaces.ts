// Random workspaces and what a client sees of one, for the tests that fill a workspace on several
// threads and compare it with the serial one.
import fc from 'fast-check';
import { generateWorkspace } from '../../../bench/generate';
import { Workspace } from '../../../server/src/engine/workspace';
import { applyEdit, edit, fragments, multiDocument } from '../engine/workspace.oracle';

export type File = { path: string; text: string };

export function serial(files: readonly File[]): Workspace {
  const ws = new Workspace();
  for (const f of files) ws.setFile(f);
  return ws;
}

/** Everything a client sees of a workspace, as text: each file's findings and summary, and the topology. */
export function observed(ws: Workspace): string {
  const files = ws.paths().map((p) => {
    const { findings, facts, hasPolicies, isKubernetes, chunkStarts, chunkDocs } = ws.summary(p)!;
    return { p, all: ws.findings(p), findings, facts, hasPolicies, isKubernetes, chunkStarts, chunkDocs };
  });
  const { namespaces, nodes, pods, dataplane, services } = ws.topology();
  const policies = ws.topology().policies.map(({ object: _tree, ...model }) => model);
  return JSON.stringify({ files, namespaces: [...namespaces], nodes, pods, policies, dataplane, services });
}

export const generated = fc
  .record({
    seed: fc.integer({ min: 1, max: 1000 }),
    pods: fc.integer({ min: 1, max: 60 }),
    policies: fc.integer({ min: 0, max: 30 }),
    podsPerFile: fc.integer({ min: 5, max: 40 }),
    mistakes: fc.constantFrom(0, 0.5, 1),
  })
  .map((spec) => generateWorkspace(spec).files.map((f) => ({ path: f.name, text: f.text })));

/** Random (broken) YAML files beside a generated workspace. */
export const workspace = fc
  .tuple(
    generated,
    fc.array(
      fc.oneof(
        multiDocument,
        fragments,
        fc.tuple(multiDocument, edit).map(([t, e]) => applyEdit(t, e)),
      ),
      {
        maxLength: 4,
      },
    ),
  )
  .map(([files, extra]) => [...files, ...extra.map((text, i) => ({ path: `extra-${i}.yaml`, text }))]);
