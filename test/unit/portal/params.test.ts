import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { encodeParams, jsonBody, redact, stackIdList, withQuery } from '../../../common/portal/params';
import { jwtExpiry } from '../../../common/portal/PortalAuth';
import { listOf, toImage, toStack } from '../../../common/portal/normalize';

describe('parameter encoding (§5.1)', () => {
  it('repeats list keys, drops undefined, encodes booleans', () => {
    assert.equal(
      encodeParams({ imageId: 7, enabledStacks: [3, 7], x: undefined, y: null, permanently: false, reason: 'a b&c' }),
      'imageId=7&enabledStacks=3&enabledStacks=7&permanently=false&reason=a+b%26c',
    );
    assert.equal(withQuery('/p', { gid: undefined }), '/p');
    assert.equal(withQuery('/p?a=1', { gid: 2 }), '/p?a=1&gid=2');
  });
  it('JSON body keeps lists as arrays', () => {
    assert.equal(jsonBody({ imageId: 7, enabledStacks: [], skip: undefined }), '{"imageId":7,"enabledStacks":[]}');
  });
  it('stack ids: integers, sorted, unique; anything else refused', () => {
    assert.deepEqual(stackIdList([3, '1', 3]), [1, 3]);
    assert.equal(stackIdList([1.5]), undefined);
    assert.equal(stackIdList(['x']), undefined);
    assert.equal(stackIdList([-1]), undefined);
  });
  it('redacts secrets in log paths', () => {
    assert.equal(
      redact('https://h/p?gid=1&authkey=abc&client_secret=s&password=p'),
      'https://h/p?gid=1&authkey=***&client_secret=***&password=***',
    );
    assert.equal(redact('ftp://u:p@h/x'), 'ftp://***@h/x');
    assert.equal(redact('/p'), '/p');
  });
  it('reads a JWT exp', () => {
    const p = Buffer.from(JSON.stringify({ exp: 2000000000 })).toString('base64url');
    assert.equal(jwtExpiry(`e30.${p}.sig`), 2000000000000);
    assert.equal(jwtExpiry('garbage'), undefined);
  });
});

describe('normalize (§5.4)', () => {
  it('lists: plain, OSIS [count, …], wrapped', () => {
    assert.equal(listOf([{ id: 1 }])!.length, 1);
    assert.equal(listOf([2, { id: 1 }, { id: 2 }])!.length, 2);
    assert.equal(listOf({ items: [{ id: 1 }] })!.length, 1);
    assert.equal(listOf('x'), undefined);
  });
  it('stacks and images: ints from strings, unknown fields dropped, no id → skipped', () => {
    assert.deepEqual(
      toStack({
        id: '4',
        name: 'n',
        referenceId: 4,
        status: 'ENABLED',
        gid: '1',
        images: [1, '2', 'x'],
        passwd: 'secret',
      }),
      { id: 4, name: 'n', referenceId: '4', status: 'ENABLED', gid: 1, images: [1, 2] },
    );
    assert.equal(toStack({ name: 'x' }), undefined);
    assert.deepEqual(
      toImage({
        id: 1,
        name: 'U',
        type: 'Linux',
        size: '10',
        status: 'CREATED',
        bootType: 'uefi',
        password: 'p',
        url: '',
      }),
      { id: 1, name: 'U', type: 'Linux', size: 10, status: 'CREATED', bootType: 'uefi' },
    );
  });
});
