// Lint rules that enforce the architecture (docs/architecture.md), plus typescript-eslint's recommended set.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench-cache/**', 'argus-dfa-results/**', 'test/fixtures/**', 'test/e2e/artifacts/**', 'examples/**', '.e2e/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Build, bench and e2e scripts are plain Node ESM: lint them without type information.
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The core is pure: no editor or protocol types, no direct file or process I/O.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'The core must not know about LSP or VS Code (docs/architecture.md).' },
            { group: ['node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:child_process', 'child_process', 'node:net', 'net', 'node:http', 'http', 'node:https', 'https', 'node:worker_threads'], message: 'The core does I/O only through injected interfaces.' },
            { group: ['**/lsp/**', '**/cli/**', '**/node/**', '**/client/**'], message: 'The core must not import the layers built on it.' },
          ],
        },
      ],
    },
  },
  {
    // stdout is the protocol channel in the server, and the report channel in the CLI.
    files: ['server/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/**'], message: 'The client talks to the server only over LSP.' }] }] },
  },
  {
    // node:test's test() returns a promise the runner awaits itself.
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-floating-promises': 'off' },
  },
);
