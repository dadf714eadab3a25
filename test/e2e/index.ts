/**
 * Mocha entry that runs inside the real VS Code extension host (code-server). Loads every
 * `*.e2e.js` beside it; AYS_E2E_GREP limits the run to matching test titles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export async function run(): Promise<void> {
  const M = require('mocha');
  const Mocha = M.default ?? M;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  if (process.env.AYS_E2E_GREP) mocha.grep(process.env.AYS_E2E_GREP);
  for (const f of fs
    .readdirSync(__dirname)
    .filter((n) => n.endsWith('.e2e.js'))
    .sort())
    mocha.addFile(path.join(__dirname, f));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures: number) =>
      failures ? reject(new Error(`${failures} end-to-end test(s) failed`)) : resolve(),
    );
  });
}
