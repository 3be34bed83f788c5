import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { folderProblem } from '../../../server/src/lsp/changes';
import { GitProblem, repositoryRoot, resolveCommit } from '../../../server/src/node/gitRevision';

/** The GitProblem a call throws. */
async function problemOf(call: Promise<unknown>): Promise<GitProblem> {
  const err: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof GitProblem, String(err));
  return err;
}

void describe('changes: why a folder has nothing to compare with', () => {
  void it('says what to do in the editor outside a repository; the CLI keeps its --git hint', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-nogit-'));
    try {
      const err = await problemOf(repositoryRoot(folder));
      assert.equal(
        err.message,
        `not inside a git repository: ${folder} (--git compares with a revision of one)`,
      );
      assert.equal(
        folderProblem(folder, err),
        `not inside a git repository: ${folder} (changes are counted from the last commit: run Initialize Repository in the Source Control view, then commit the manifests)`,
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  void it('says to commit in a repository without a commit', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-nocommit-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: folder });
      const err = await problemOf(resolveCommit(await repositoryRoot(folder), 'HEAD'));
      assert.equal(
        folderProblem(folder, err),
        `${folder}: no commit yet (commit the manifests in the Source Control view; your edits are then compared with that commit)`,
      );
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  void it('passes any other problem on as git says it', () => {
    assert.equal(
      folderProblem('/ws', new GitProblem('git is not installed (or not on PATH)')),
      'git is not installed (or not on PATH)',
    );
  });
});
