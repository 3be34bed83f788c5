// Requests answered while the workspace is being indexed: files read but not yet in the model (here
// a pods file held back from the summary worker, test/fixtures/indexing/holdWorkers.cjs) must not
// make a hover state "no pod" as a fact. A hover waits a moment for the index, then answers with
// what the model holds and says that indexing is not done; once it is, the same hover lists the pods.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { INDEXING_NOTE } from '../../server/src/lsp/hover';
import { fixture } from '../helpers/paths';
import { LspClient, positionOf } from './client';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-indexing-lsp-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  nodeName: node-a
  containers:
    - name: web
      image: nginx
`;
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-ingress
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress]
`;

function hoverValue(h: Awaited<ReturnType<LspClient['hover']>>): string {
  assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents, 'a Markdown hover');
  return h.contents.value;
}

// The server summarises files in a worker only when the machine has a second core.
const workers = os.availableParallelism() > 1;

void test(
  'a hover while a file is read but not summarised says indexing is not done',
  { skip: !workers },
  async () => {
    fs.writeFileSync(path.join(tmp, 'pods.yaml'), PODS);
    fs.writeFileSync(path.join(tmp, 'policy.yaml'), POLICY);
    // A worker asked for (NETPOL_LENS_WORKERS): by default a file this small is summarised here.
    const client = await withEnv(
      {
        NETPOL_LSP_NODE_ARGS: `--require ${fixture('indexing', 'holdWorkers.cjs')}`,
        NETPOL_LENS_WORKERS: '1',
      },
      () => LspClient.start({ folders: [tmp] }),
    );
    try {
      const uri = await client.open(path.join(tmp, 'policy.yaml'));
      const at = positionOf(POLICY, 'podSelector', 3);
      // The pods file cannot be in the model: its worker has not been given it.
      const early = hoverValue(await client.hover(uri, at));
      assert.equal(
        early,
        '**podSelector** `app=web` in namespace `default`\n\nMatches **no pod**: namespace default has no pods.\n\n' +
          INDEXING_NOTE,
      );
      assert.ok(!client.progress.some((p) => p.kind === 'end'), 'indexing has not ended');

      client.child.kill('SIGUSR2');
      await client.waitForIndexed();
      const late = hoverValue(await client.hover(uri, at));
      assert.match(
        late,
        /^\*\*podSelector\*\* `app=web` in namespace `default`\n\nMatches 1 pod:\n\n- `default\/web` on `node-a`, IP `[\d.]+`$/,
      );
    } finally {
      assert.equal(await client.stop(), 0);
    }
  },
);

/** Runs `start` with these environment variables set, then puts them back. */
async function withEnv<T>(vars: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const previous = Object.keys(vars).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, vars);
  try {
    return await start();
  } finally {
    for (const [k, v] of previous) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
