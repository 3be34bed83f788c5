// The floor every benchmark is measured against: a process that reads the given files and runs
// yaml's parseAllDocuments over each, and nothing else. bench/run.mjs bundles it with esbuild, as the
// CLI is bundled, so both pay the same module loading.
// Usage: node parse-baseline.cjs [--repeat N] files…
// With --repeat N it parses N more times and prints {"cold": ms, "warm": [ms, …]} (in-process times).
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 0;
const texts = args.map((f) => fs.readFileSync(f, 'utf8'));

function parseAll() {
  const start = performance.now();
  let documents = 0;
  for (const text of texts) documents += parseAllDocuments(text).length;
  return { ms: performance.now() - start, documents };
}

const cold = parseAll();
if (repeat > 0) {
  const warm = Array.from({ length: repeat }, () => parseAll().ms);
  console.log(JSON.stringify({ cold: cold.ms, warm, documents: cold.documents }));
}
