import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..', '..');

test('relativeLinks: the links and images of a README that must resolve inside the .vsix', async () => {
  const { relativeLinks } = await import(pathToFileURL(join(root, 'scripts/vsixContents.mjs')).href);
  const md = [
    'See [rules](docs/rules.md#hrd-eval), [site](https://example.com/x.md), [top](#settings), [mail](mailto:a@b.c).',
    '![shot](docs/images/a%20b.png "title") and <img src="media/icon.png" width="64">',
    '`[not](a/link.md)` in code, and in a block:',
    '```',
    '[nor](this.md)',
    '```',
    '[ref]: ./docs/portal.md',
  ].join('\n');
  assert.deepEqual(relativeLinks(md).sort(), [
    './docs/portal.md',
    'docs/images/a b.png',
    'docs/rules.md',
    'media/icon.png',
  ]);
});
