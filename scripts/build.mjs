// Bundles the extension client, the language server, the CLI and the webviews with esbuild,
// and the test files (one bundle each, packages external) for node's test runner.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const production = process.argv.includes('--production');
const rel = (...p) => path.join(root, ...p);

function findFiles(dir, pattern) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: false })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => pattern.test(f) && !f.includes(`${path.sep}out${path.sep}`) && fs.statSync(f).isFile());
}

// yaml's parser reads process.env.LOG_TOKENS for every token it meets, and its composer
// process.env.LOG_STREAM for every document: debugging switches, and each read is a lookup in the
// process environment, a third of the parser's time on a large file. The bundles read them once,
// when yaml is loaded; nothing else changes. A yaml without these reads fails the build here, so
// that the saving is not lost silently on an upgrade.
const YAML_ENV_READS = /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/;
const yamlEnvOnce = {
  name: 'yaml-env-once',
  setup(build) {
    build.onLoad({ filter: YAML_ENV_READS }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      const reads = [...new Set(text.match(/node_process\.env\.LOG_[A-Z]+/g) ?? [])];
      const declaration = "var node_process = require('process');";
      if (!reads.length || !text.includes(declaration))
        throw new Error(`${args.path}: yaml no longer reads process.env as scripts/build.mjs expects`);
      const once = (read) => read.replace('node_process.env.', 'yamlEnv_');
      let contents = text;
      for (const read of reads) contents = contents.replaceAll(read, once(read));
      const reads1 = reads.map((read) => `var ${once(read)} = ${read};`).join('\n');
      contents = contents.replace(declaration, `${declaration}\n${reads1}`);
      return { contents, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
};
const nodeCommon = {
  ...common,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  plugins: [yamlEnvOnce],
};

const webviewEntries = findFiles(rel('media', 'src'), /[\\/]main\.ts$/).map((f) => ({
  in: f,
  out: path.basename(path.dirname(f)),
}));

const builds = [
  {
    ...nodeCommon,
    entryPoints: [rel('client/src/extension.ts')],
    outfile: rel('client/out/extension.js'),
    external: ['vscode'],
  },
  { ...nodeCommon, entryPoints: [rel('server/src/lsp/server.ts')], outfile: rel('server/out/server.js') },
  // The language server's worker threads (node/summaryPool.ts), beside server.js.
  {
    ...nodeCommon,
    entryPoints: [rel('server/src/node/summaryWorker.ts')],
    outfile: rel('server/out/summaryWorker.js'),
  },
  {
    ...nodeCommon,
    entryPoints: [rel('server/src/cli/main.ts')],
    outfile: rel('server/out/cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: webviewEntries,
    outdir: rel('media/out'),
  },
];

if (!production) {
  const tests = findFiles(rel('test'), /\.test\.ts$/).concat(
    findFiles(rel('test', 'e2e', 'exthost'), /index\.ts$/),
  );
  if (fs.existsSync(rel('bench'))) tests.push(...findFiles(rel('bench'), /\.ts$/));
  builds.push({
    ...nodeCommon,
    entryPoints: tests.map((f) => ({ in: f, out: path.relative(root, f).replace(/\.ts$/, '') })),
    outdir: rel('out'),
    packages: 'external',
    external: ['vscode'],
    sourcemap: 'inline',
  });
}

const present = builds.filter(
  (b) =>
    (b.entryPoints ?? []).every((e) => fs.existsSync(typeof e === 'string' ? e : e.in)) &&
    b.entryPoints.length > 0,
);
await Promise.all(present.map((b) => esbuild.build(b)));
if (present.some((b) => b.outfile === rel('server/out/cli.js')))
  fs.chmodSync(rel('server/out/cli.js'), 0o755);
console.log(`built ${present.length} bundles${production ? ' (production)' : ''}`);
