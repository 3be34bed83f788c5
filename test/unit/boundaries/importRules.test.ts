// The import rules of eslint.config.mjs bite: each room's imports, linted as if written in a file of
// that room, are refused or let through as the layering says (contracts room, client, webviews, engine).
// Only the two import rules run, without type information, so this takes a second, not a lint run.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { repoRoot } from '../../helpers/paths';

const IMPORT_RULES = new Set(['no-restricted-imports', '@typescript-eslint/no-restricted-imports']);

const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => IMPORT_RULES.has(ruleId),
});

/** The messages of the import rules for `code` written in `file` (relative to the repository). */
async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(repoRoot, file) });
  assert.ok(result, `no lint result for ${file}`);
  const fatal = result.messages.filter((m) => !m.ruleId);
  assert.deepEqual(fatal, [], `${file} did not parse`);
  return result.messages.map((m) => m.message);
}

interface Case {
  file: string;
  code: string;
  /** A part of the refusal's message; undefined when the import is allowed. */
  refused?: string;
}

const CASES: Case[] = [
  // The client takes the webview protocol and validators from the contracts room, never from media/.
  {
    file: 'client/src/probe.ts',
    code: "import { parseFromWebview } from '../../media/src/protocol';",
    refused: 'never from media/',
  },
  {
    file: 'client/src/webviews/probe.ts',
    code: "import type { El } from '../../../media/src/shared/el';",
    refused: 'never from media/',
  },
  {
    file: 'client/src/webviews/probe.ts',
    code: "import { parseFromWebview } from '../../../server/src/protocol/webview';",
  },
  { file: 'client/src/probe.ts', code: "import { PROTOCOLS } from '../../server/src/protocol/values';" },
  {
    file: 'client/src/probe.ts',
    code: "import { PROTOCOLS } from '../../server/src/engine/types';",
    refused: 'engine types only',
  },
  // The webviews: no client code, engine and LSP request types only, the room's values and protocol.
  {
    file: 'media/src/matrix/probe.ts',
    code: "import { parsePort } from '../../../client/src/picks/matrixChoices';",
    refused: 'never from client/',
  },
  {
    file: 'media/src/matrix/probe.ts',
    code: "import { MatrixRequestType } from '../../../server/src/protocol/requests';",
    refused: 'Only types from protocol/requests.ts',
  },
  {
    file: 'media/src/matrix/probe.ts',
    code: "import type { ViewMatrix } from '../../../server/src/protocol/requests';",
  },
  {
    file: 'media/src/trace/probe.ts',
    code: "import { traceConnection } from '../../../server/src/engine/dataplane/trace';",
    refused: 'engine types only',
  },
  {
    file: 'media/src/trace/probe.ts',
    code: "import type { Trace } from '../../../server/src/engine/dataplane/types';",
  },
  {
    file: 'media/src/shared/probe.ts',
    code: "import { isProtocol } from '../../../server/src/protocol/values';\nimport { parseToWebview } from '../../../server/src/protocol/webview';",
  },
  {
    file: 'media/src/shared/probe.ts',
    code: "import { ResponseError } from 'vscode-languageserver-protocol';",
    refused: 'vscode-languageserver-protocol',
  },
  // The contracts room depends on no side; only requests.ts uses the LSP protocol library.
  {
    file: 'server/src/protocol/probe.ts',
    code: "import { PROTOCOLS } from '../engine/types';",
    refused: 'engine types only',
  },
  {
    file: 'server/src/protocol/probe.ts',
    code: "import type { TraceRequest } from '../engine/dataplane/types';",
  },
  {
    file: 'server/src/protocol/probe.ts',
    code: "import { valid } from '../lsp/checkedParams';",
    refused: 'depends on no side',
  },
  {
    file: 'server/src/protocol/probe.ts',
    code: "import { RequestType } from 'vscode-languageserver-protocol';",
    refused: 'vscode-languageserver-protocol',
  },
  {
    file: 'server/src/protocol/requests.ts',
    code: "import { RequestType } from 'vscode-languageserver-protocol';",
  },
  { file: 'server/src/protocol/probe.ts', code: "import fs from 'node:fs';", refused: 'node:fs' },
  // The engine takes the shared vocabulary from the room, nothing else.
  { file: 'server/src/engine/probe.ts', code: "import { PROTOCOLS } from '../protocol/values';" },
  {
    file: 'server/src/engine/dataplane/probe.ts',
    code: "import { SHORT_KINDS } from '../../protocol/workloadKinds';",
  },
  {
    file: 'server/src/engine/probe.ts',
    code: "import { TraceRequestType } from '../protocol/requests';",
    refused: 'only the shared vocabulary',
  },
  {
    file: 'server/src/engine/dataplane/probe.ts',
    code: "import { traceParams } from '../../protocol/requestParams';",
    refused: 'only the shared vocabulary',
  },
];

void describe('import rules between the rooms', () => {
  for (const c of CASES) {
    void it(`${c.refused ? 'refuses' : 'allows'} in ${c.file}: ${c.code.split('\n')[0]!}`, async () => {
      const messages = await refusals(c.file, c.code);
      if (!c.refused) assert.deepEqual(messages, []);
      else {
        assert.equal(messages.length, 1, messages.join('\n'));
        assert.ok(messages[0]!.includes(c.refused), messages[0]);
      }
    });
  }
});
