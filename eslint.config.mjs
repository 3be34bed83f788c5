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
          patterns: ['vscode-languageserver/*', '**/lsp/*', '**/cli/*', '**/client/*'],
        },
      ],
    },
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
          ],
        },
      ],
    },
  },
  {
    files: ['media/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode', 'vscode-languageclient', 'vscode-languageserver', ...banNode] },
      ],
    },
  },
  prettier,
);
