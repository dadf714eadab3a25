import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  describeRegistration,
  registrationDiff,
  templateNameOf,
  waitForRegistration,
} from '../../../common/install/registration';
import type { PortalState } from '../../../common/portal/types';

const state = (images: number[], stacks: Array<[string, number[]]>): PortalState => ({
  images: images.map((id) => ({ id, name: `img ${id}`, type: 'Linux', size: 10, status: 'CREATED' })),
  stacks: stacks.map(([name, imgs], i) => ({
    id: i + 1,
    name,
    referenceId: String(i + 1),
    status: 'ENABLED',
    images: imgs,
  })),
  partial: false,
  sources: { stacks: 'restext', images: 'restext' },
  warnings: [],
});

describe('registration result', () => {
  it('a new id is the registered image, with its nodes', () => {
    const r = registrationDiff(
      new Set([1, 2]),
      state(
        [1, 2, 7],
        [
          ['n1', [7]],
          ['n2', [1, 7]],
          ['n3', []],
        ],
      ),
    );
    assert.deepEqual(r, { kind: 'registered', imageId: 7, name: 'img 7', nodes: ['n1', 'n2'] });
    assert.equal(describeRegistration(r), 'registered "img 7" as image 7, available on n1, n2');
  });
  it('no new id: nothing registered, the template name already exists, fix named', () => {
    const r = registrationDiff(new Set([1]), state([1], []), 'jammy');
    assert.equal(r.kind, 'nothing-registered');
    assert.match(
      describeRegistration(r),
      /nothing registered: template name "jammy" already exists.*New Version of This Recipe/,
    );
  });
  it('template name is the dest basename without its extension', () => {
    assert.equal(templateNameOf('/opt/jumpscale7/var/tmp/templates/ubuntu-2204-v2.qcow2'), 'ubuntu-2204-v2');
  });
  it('waiting: a portal that cannot be read is an error; a new image ends the wait', async () => {
    const down = await waitForRegistration(
      async () => ({ ok: false, error: { code: 'upgrading', message: '503 Can not call API during upgrade' } }),
      new Set(),
      { timeoutMs: 50 },
    );
    assert.equal(down.ok, false);
    assert.match(!down.ok ? down.message : '', /could not be read: 503/);
    let n = 0;
    const found = await waitForRegistration(
      async () => ({ ok: true, value: state(++n > 2 ? [1, 5] : [1], [['a', [5]]]) }),
      new Set([1]),
      { timeoutMs: 5000, intervalMs: 5 },
    );
    assert.ok(found.ok && found.registration.kind === 'registered' && found.registration.imageId === 5);
  });
});
