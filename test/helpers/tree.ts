// Builds throwaway folder trees for the walking tests (node_modules, .git and symlinks cannot live in fixtures).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Creates `files` (relative path -> content) under a new temporary folder and returns its path. */
export function makeTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-lens-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return root;
}

export const removeTree = (root: string): void => fs.rmSync(root, { recursive: true, force: true });

export const DUPLICATE_KEY_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: a
  name: b
spec:
  podSelector: {}
`;
