// Entry point the VS Code extension host loads as extensionTestsPath: runs every *.test.js bundled
// beside this file with mocha (tdd interface) and settles when they are done. The runners
// (test/e2e/run-exthost.mjs through code-server, test/e2e/run-electron.mjs through
// @vscode/test-electron) read mocha's spec output and the promise's outcome.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} extension-host tests failed`)) : resolve(),
    );
  });
}
