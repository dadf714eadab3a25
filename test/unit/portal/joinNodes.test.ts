import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { joinNodes, matchRecipes, normalizeUrl } from '../../../common/portal/joinNodes';
import { imageStatusIcon, stackStatusIcon } from '../../../common/portal/statusIcons';
import { Image, Stack } from '../../../common/portal/types';
import { cpuMs } from '../cpuTime';

const stacks: Stack[] = [
  { id: 1, name: 'be-scale-1-01', referenceId: '1', status: 'ENABLED', gid: 1, images: [10, 11, 99] },
  { id: 2, name: 'BE-SCALE-1-02', referenceId: '2', status: 'MAINTENANCE', gid: 1, images: [10] },
  { id: 3, name: 'spare-01', referenceId: '3', status: 'ENABLED', gid: 1, images: [] },
];
const images: Image[] = [
  { id: 11, name: 'Windows 2012r2 Standard', type: 'Windows', size: 25, status: 'CREATED', bootType: 'bios' },
  {
    id: 10,
    name: 'Ubuntu 16.04 x64',
    type: 'Linux',
    size: 10,
    status: 'CREATED',
    url: 'FTP://pub:pw@FTP.example.com//Linux/ubuntu/u1604.qcow2',
  },
  { id: 12, name: 'Ubuntu 16.04 x64', type: 'Linux', size: 10, status: 'DISABLED' },
];

describe('joinNodes', () => {
  const j = joinNodes(stacks, images, ['be-scale-1-01', 'be-scale-1-02', 'ghost-01']);

  it('matches stacks to node names (exact, then case-insensitive) and keeps the node order', () => {
    assert.deepEqual(
      j.nodes.map((n) => [n.name, n.match, n.stack?.id]),
      [
        ['be-scale-1-01', 'matched', 1],
        ['be-scale-1-02', 'matched', 2],
        ['ghost-01', 'node-only', undefined],
        ['spare-01', 'stack-only', 3],
      ],
    );
  });

  it("lists each node's images by name, with unknown ids apart", () => {
    const n = j.nodes[0];
    assert.deepEqual(
      n.images.map((r) => r.id),
      [10, 11],
    );
    assert.deepEqual(n.unknownImageIds, [99]);
    assert.deepEqual(n.images[1], {
      id: 11,
      name: 'Windows 2012r2 Standard',
      type: 'Windows',
      size: 25,
      status: 'CREATED',
      bootType: 'bios',
    });
    assert.deepEqual(j.nodes[2].images, []);
  });

  it('lists per image where it is and is not available', () => {
    const byId = new Map(j.images.map((e) => [e.image.id, e]));
    assert.deepEqual(
      byId.get(10)!.availableOn.map((r) => r.node ?? r.stackName),
      ['be-scale-1-01', 'be-scale-1-02'],
    );
    assert.deepEqual(
      byId.get(10)!.notAvailableOn.map((r) => [r.stackName, r.node]),
      [['spare-01', undefined]],
    );
    assert.deepEqual(byId.get(12)!.availableOn, []);
    assert.deepEqual(
      j.images.map((e) => e.image.id),
      [10, 12, 11],
    );
  });

  it('does not give one stack to two nodes', () => {
    const k = joinNodes(stacks, images, ['be-scale-1-02', 'BE-SCALE-1-02']);
    assert.deepEqual(k.nodes.map((n) => [n.name, n.match]).slice(0, 2), [
      ['be-scale-1-02', 'matched'],
      ['BE-SCALE-1-02', 'node-only'],
    ]);
  });

  it('is fast: 100 nodes × 300 images in a few ms', () => {
    const s: Stack[] = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      name: `node-${i}`,
      referenceId: String(i),
      status: 'ENABLED',
      images: Array.from({ length: 300 }, (_, k) => k + 1).filter((k) => (k + i) % 3 !== 0),
    }));
    const im: Image[] = Array.from({ length: 300 }, (_, k) => ({
      id: k + 1,
      name: `image ${k}`,
      type: 'Linux',
      size: 10,
      status: 'CREATED',
    }));
    joinNodes(
      s,
      im,
      s.map((x) => x.name),
    ); // warm-up
    let r = joinNodes(s, im, []);
    const ms = cpuMs(() => {
      r = joinNodes(
        s,
        im,
        s.map((x) => x.name),
      );
    });
    assert.equal(r.images.length, 300);
    assert.ok(ms < 50, `${ms} ms`);
  });
});

describe('matchRecipes', () => {
  it('matches by url first, else by display name; reports ambiguity', () => {
    const m = matchRecipes(images, [
      {
        folder: 'image_ubuntu1604',
        displayName: 'Ubuntu 16.04 x64',
        exportUrl: 'ftp://ftp.example.com/Linux/ubuntu/u1604.qcow2/',
      },
      { folder: 'image_ubuntu1604_old', displayName: 'Ubuntu 16.04 x64' },
      { folder: 'image_windows2012', displayName: 'windows 2012R2 standard' },
    ]);
    assert.deepEqual(m.get(10), { folder: 'image_ubuntu1604', by: 'url' });
    assert.deepEqual(m.get(12), { folder: 'image_ubuntu1604', by: 'name', others: ['image_ubuntu1604_old'] });
    assert.deepEqual(m.get(11), { folder: 'image_windows2012', by: 'name' });
  });

  it('a New Version shares the url of its original: among url matches, the display name decides', () => {
    const url = 'ftp://h/Linux/u.qcow2';
    const recipes = [
      { folder: 'image_u', displayName: 'Ubuntu', exportUrl: url },
      { folder: 'image_u_v2', displayName: 'Ubuntu v2', exportUrl: url },
    ];
    const imgs = [
      { id: 1, name: 'Ubuntu v2', url },
      { id: 2, name: 'ubuntu', url },
      { id: 3, name: 'Something else', url },
    ];
    const m = matchRecipes(imgs, recipes);
    assert.deepEqual(m.get(1), { folder: 'image_u_v2', by: 'url', others: ['image_u'] });
    assert.deepEqual(m.get(2), { folder: 'image_u', by: 'url', others: ['image_u_v2'] });
    assert.deepEqual(m.get(3), { folder: 'image_u', by: 'url', others: ['image_u_v2'] });
  });

  it('normalizes URLs', () => {
    assert.equal(normalizeUrl('FTP://pub:x@Host.Example//a//b/'), 'ftp://host.example/a/b');
  });

  it('flows into the join rows', () => {
    const j = joinNodes(stacks, images, [], { recipes: [{ folder: 'w', displayName: 'Windows 2012r2 Standard' }] });
    assert.equal(j.nodes.find((n) => n.stack?.id === 1)!.images.find((r) => r.id === 11)?.recipe?.folder, 'w');
  });
});

describe('status icons', () => {
  it('maps stack and image statuses to codicons', () => {
    assert.equal(stackStatusIcon('ENABLED'), 'vm-running');
    assert.equal(stackStatusIcon(undefined), 'question');
    assert.equal(imageStatusIcon('CREATED'), 'file-binary');
    assert.equal(imageStatusIcon('DISABLED'), 'circle-slash');
  });
});
