// ESLint (flat config): typescript-eslint's recommended rules that the tree passes, plus the layer
// rules of docs/development.md as no-restricted-imports. `npm run lint`; the `lint` suite of npm test.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const vscodeOut = {
  name: 'vscode',
  message: 'common/ and server/ run outside VS Code: no `vscode` import (see docs/development.md).',
};
const clientOut = {
  group: ['**/client/**', '**/client/src/**'],
  message: 'client/ is the extension: server/ and common/ never import from it.',
};
const serverOut = {
  group: ['**/server/**'],
  message: 'common/ is shared by client, server and CLI: it never imports from server/.',
};
const fsOut = ['node:fs', 'fs', 'node:fs/promises', 'fs/promises'].map((name) => ({
  name,
  message:
    'server/src/service reads files only through the injected FileSystem (service/FileSystem.ts; on disk: server/src/node/nodeFileSystem.ts).',
}));
const lspOut = {
  group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-jsonrpc', 'vscode-jsonrpc/*'],
  message:
    'server/src/service is the pure language service: no LSP connection import (types come from vscode-languageserver-types).',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      '.vscode-test/',
      '.sandbox/',
      'bench/results/',
      'test-results/',
      'test/fixtures/',
      'examples/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        // node and browser globals used by the sources (no `globals` package needed for these)
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        clearImmediate: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        fetch: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
        WebAssembly: 'readonly',
      },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (rest-destructuring to drop a key, ignored callbacks).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'none',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Regexes that quote real `ays` output keep its runs of spaces readable.
      'no-regex-spaces': 'off',
    },
  },
  {
    // Tests and benchmarks poke at internals and load built modules at run time.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Layer rules (the point of this file: they are errors everywhere).
  {
    files: ['common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscodeOut], patterns: [clientOut, serverOut] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/src/service/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscodeOut], patterns: [clientOut] }] },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [vscodeOut, ...fsOut], patterns: [clientOut, lspOut] },
      ],
    },
  },
  {
    // The tree-sitter loader reads its own .wasm files (assets shipped with the extension), not workspace files.
    files: ['server/src/service/python/pythonParser.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscodeOut], patterns: [clientOut, lspOut] }],
    },
  },
);
