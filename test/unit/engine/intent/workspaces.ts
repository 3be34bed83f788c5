// The sample workspaces, loaded as the CLI loads them (files by path relative to the repository).
import fs from 'node:fs';
import path from 'node:path';
import type { Endpoint } from '../../../../server/src/engine/intent';
import { resolveEndpoint } from '../../../../server/src/engine/intent';
import { Workspace } from '../../../../server/src/engine/workspace';
import type { EngineOptions } from '../../../../server/src/engine/workspace';
import { repoRoot } from '../../../helpers/paths';

/**
 * Every YAML file under a sample folder; the seed as it is after its two quick fixes (the as-written
 * file, broken on purpose, replaced by the corrected copy kept beside the folder).
 */
export function sample(name: 'shop' | 'seed', options: EngineOptions = {}): Workspace {
  const ws = new Workspace(options);
  const dir = path.join(repoRoot, 'samples', name);
  const read = (rel: string) =>
    ws.setFile({ path: rel, text: fs.readFileSync(path.join(repoRoot, rel), 'utf8') });
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    if (f.endsWith('.yaml') && !f.endsWith('as-written.yaml')) read(`samples/${name}/${f}`);
  }
  if (name === 'seed') read(SEED_FIXED);
  return ws;
}

/** The corrected seed policies, beside the demo folder. */
export const SEED_FIXED = 'samples/seed-policies-fixed.yaml';

/** Files of test/fixtures/intent, by name. */
export function fixtures(...names: string[]): Workspace {
  const ws = new Workspace();
  for (const n of names) {
    const rel = `test/fixtures/intent/${n}`;
    ws.setFile({ path: rel, text: fs.readFileSync(path.join(repoRoot, rel), 'utf8') });
  }
  return ws;
}

export function endpoint(ws: Workspace, ref: string): Endpoint {
  const e = resolveEndpoint(ws, ref);
  if (typeof e === 'string') throw new Error(e);
  return e;
}

/**
 * Runs of a property: `INTENT_RUNS_SCALE` multiplies them (a longer run), `INTENT_SEED` replays one
 * (fast-check prints the seed of a failure; by default each run draws its own).
 */
export function intentRuns(numRuns: number): { numRuns: number; seed?: number } {
  const scale = Number(process.env['INTENT_RUNS_SCALE'] ?? 1);
  const seed = process.env['INTENT_SEED'];
  return { numRuns: Math.round(numRuns * scale), ...(seed ? { seed: Number(seed) } : {}) };
}
