/** URIs built by the service are encoded like VS Code's (vscode-uri), so they equal the URIs the editor sends. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { fileUri } from '../../../server/src/service/recipe/WorkspaceIndex';
import { pathToUri, uriToPath } from '../../../server/src/service/uriPath';

const odd = '/tmp/env a=b,c@d/servicetemplates/image_x #1/service.hrd';

test('pathToUri and fileUri encode = , @ # and spaces as VS Code does', () => {
  const expected = URI.file(odd).toString();
  assert.equal(pathToUri(odd), expected);
  assert.equal(fileUri(odd), expected);
  assert.match(expected, /%3D.*%2C.*%40/);
});

test('uriToPath reads both encodings back to the same path', () => {
  assert.equal(uriToPath(URI.file(odd).toString()), odd);
  assert.equal(uriToPath('file:///tmp/env%20a=b,c@d/servicetemplates/image_x%20%231/service.hrd'), odd);
  assert.equal(uriToPath('untitled:Untitled-1'), 'untitled:Untitled-1');
  assert.equal(uriToPath('vscode-remote://host/a/service.hrd'), '/a/service.hrd');
});
