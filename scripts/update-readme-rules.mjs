// Rewrites the rule table in README.md from the engine's rule registry.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = await esbuild.build({
  stdin: {
    contents:
      "export { RULES } from './server/src/engine/rules'; export { withRulesTable } from './scripts/rulesTable';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const mod = await import(
  `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`
);
const readmePath = path.join(root, 'README.md');
fs.writeFileSync(readmePath, mod.withRulesTable(fs.readFileSync(readmePath, 'utf8'), mod.RULES));
console.log(`README.md: ${mod.RULES.length} rules`);
