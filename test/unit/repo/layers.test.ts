/**
 * The layer rules of eslint.config.mjs fire where docs/development.md says they should (and only there):
 * a sample import linted as if it lived in each folder.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<boolean> {
  const [r] = await eslint.lintText(code, { filePath: join(root, file) });
  return r.messages.some((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

const cases: Array<[string, string, boolean]> = [
  ['common/x.ts', "import * as vscode from 'vscode';", true],
  ['server/src/lsp/x.ts', "import * as vscode from 'vscode';", true],
  ['server/src/service/x.ts', "import * as vscode from 'vscode';", true],
  ['client/src/x.ts', "import * as vscode from 'vscode';", false],
  ['server/src/service/x.ts', "import { createConnection } from 'vscode-languageserver/node';", true],
  ['server/src/service/x.ts', "import { createMessageConnection } from 'vscode-jsonrpc';", true],
  ['server/src/service/x.ts', "import type { Diagnostic } from 'vscode-languageserver-types';", false],
  ['server/src/lsp/x.ts', "import { createConnection } from 'vscode-languageserver/node';", false],
  ['server/src/lsp/x.ts', "import { x } from '../../../client/src/settings';", true],
  ['common/x.ts', "import { x } from '../client/src/settings';", true],
  ['common/x.ts', "import { x } from '../server/src/service/RecipeLanguageService';", true],
  ['client/src/x.ts', "import { x } from '../../common/settings';", false],
  ['server/src/service/x.ts', "import * as fs from 'node:fs';", true],
  ['server/src/service/recipe/x.ts', "import { readFileSync } from 'fs';", true],
  ['server/src/service/x.ts', "import { readFile } from 'node:fs/promises';", true],
  ['server/src/node/x.ts', "import * as fs from 'node:fs';", false],
  ['server/src/cli/x.ts', "import * as fs from 'node:fs';", false],
];

for (const [file, imp, expected] of cases) {
  test(`${file}: ${imp} is ${expected ? 'refused' : 'allowed'}`, async () => {
    assert.equal(await restricted(file, `${imp}\n`), expected);
  });
}
