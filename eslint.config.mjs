// ESLint flat config: typescript-eslint for bugs, Prettier for layout, import bans to keep the layers apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'worker_threads',
];
const banNode = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);
const editorLibraries = ['vscode', 'vscode-languageserver', 'vscode-languageclient'];

// The contracts room (server/src/protocol/): the words, messages and validators both sides of each
// boundary share. It depends on no side; the engine may take its shared vocabulary only.
const engineTypesOnly = (who) => ({
  group: ['**/server/src/engine', '**/server/src/engine/**', '**/engine', '**/engine/**'],
  allowTypeImports: true,
  message: `${who} imports engine types only (import type).`,
});
const sidesOfTheRoom = {
  group: ['**/lsp/**', '**/cli/**', '**/node/**', '**/client/**', '**/media/**'],
  message: 'The contracts room (server/src/protocol) depends on no side of the contracts it holds.',
};
const roomImports = (paths) => [
  'error',
  { paths, patterns: [engineTypesOnly('The contracts room'), sidesOfTheRoom] },
];

export default tseslint.config(
  {
    ignores: [
      '**/out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'samples/**',
      'bench/work/**',
      'test/e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bench/**/*.mjs', 'test/**/*.mjs', '.ci/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'vscode',
            'vscode-languageserver',
            'vscode-languageserver-protocol',
            'vscode-languageclient',
            ...banNode,
          ],
          patterns: [
            { group: ['vscode-languageserver/*', '**/lsp/*', '**/cli/*', '**/client/*'] },
            {
              group: ['**/protocol/*', '!**/protocol/values', '!**/protocol/workloadKinds'],
              message:
                'The engine takes only the shared vocabulary from the contracts room (protocol/values.ts, protocol/workloadKinds.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure, so that every side can import it (the webviews bundle it for the browser).
    files: ['server/src/protocol/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': roomImports([
        ...editorLibraries,
        'vscode-languageserver-protocol',
        ...banNode,
      ]),
    },
  },
  {
    // The LSP request types are built with vscode-languageserver-protocol's RequestType.
    files: ['server/src/protocol/requests.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': roomImports([...editorLibraries, ...banNode]) },
  },
  {
    // The language server reaches the engine through its facade (engine/index.ts) only.
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/*', '**/engine/**/*'],
              message: 'Import the engine through its facade (server/src/engine/index.ts).',
            },
            { group: ['**/cli/*', '**/client/*'], message: 'The language server stands alone.' },
          ],
        },
      ],
    },
  },
  {
    // The client runs no engine code: it imports engine types only (values come from the server).
    files: ['client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/engine', '**/server/src/engine/**'],
              allowTypeImports: true,
              message: 'The client imports engine types only (import type); results come from the server.',
            },
            {
              group: ['**/server/src/lsp/**', '**/server/src/cli/**', '**/server/src/node/**'],
              message: 'The client talks to the server through server/src/protocol only.',
            },
            {
              group: ['**/media/**'],
              message:
                'The client takes the webview protocol and validators from the contracts room (server/src/protocol), never from media/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The webviews run in the browser: data arrives by message; the protocol and its validators come
    // from the contracts room.
    files: ['media/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [...editorLibraries, 'vscode-languageserver-protocol', ...banNode],
          patterns: [
            engineTypesOnly('A webview'),
            {
              group: ['**/client/**'],
              message:
                'A webview takes the protocol and validators from the contracts room (server/src/protocol), never from client/.',
            },
            {
              group: ['**/server/src/lsp/**', '**/server/src/cli/**', '**/server/src/node/**'],
              message: 'A webview talks to the extension by message only.',
            },
            {
              group: ['**/protocol/requests'],
              allowTypeImports: true,
              message:
                'Only types from protocol/requests.ts: its RequestType values would bundle the LSP library into the webview.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
