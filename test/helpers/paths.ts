// Locations tests need, independent of where the bundled test file sits under out/.
import fs from 'node:fs';
import path from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'server'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`repository root not found above ${start}`);
    dir = up;
  }
  return dir;
}

export const repoRoot = findRoot(__dirname);
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const samplesDir = path.join(repoRoot, 'samples', 'seed');
export const seedFile = path.join(repoRoot, 'samples', 'seed', 'seed-policies-as-written.yaml');
/** The seed's policies corrected: beside samples/seed/, not in it (the demo's fixes would duplicate it). */
export const fixedSeedFile = path.join(repoRoot, 'samples', 'seed-policies-fixed.yaml');
export const cliPath = path.join(repoRoot, 'server', 'out', 'cli.js');
export const serverPath = path.join(repoRoot, 'server', 'out', 'server.js');

/** A file of the seed's demo by name: one of samples/seed/, or the corrected policies beside it. */
export const seedSample = (name: string): string =>
  name === path.basename(fixedSeedFile) ? fixedSeedFile : path.join(samplesDir, name);

export const fixture = (...p: string[]): string => path.join(fixturesDir, ...p);
export const readFixture = (...p: string[]): string => fs.readFileSync(fixture(...p), 'utf8');
