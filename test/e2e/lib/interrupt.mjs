// Cleanup when a test process is interrupted (Ctrl-C, a timeout's SIGTERM): code-server runs in its
// own process group, which a signal to the test's group does not reach, and temp dirs would stay.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const cleanups = new Set();
let installed = false;

/** Runs `fn` (synchronously) if this process gets SIGINT/SIGTERM/SIGHUP; returns a "forget" function. */
export function onInterrupt(fn) {
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => interrupted(signal));
  }
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** A new folder in the system temp dir, removed by dispose() or when the process is interrupted. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const forget = onInterrupt(remove);
  return {
    dir,
    dispose: () => {
      forget();
      remove();
    },
  };
}

function interrupted(signal) {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // best effort: keep cleaning up the rest
    }
  }
  process.exit(128 + os.constants.signals[signal]);
}
