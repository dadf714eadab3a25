import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { anchorFailures } from '../../../common/install/failureAnchors';

const RAN = [
  'from JumpScale import j',
  '',
  'class Actions(ActionsBase):',
  '    def configure(self, serviceObj):',
  "        registerImage(serviceObj, nme, 'Linux', 10)",
  '',
].join('\n');

describe('install failure diagnostics: anchored in the content that ran', () => {
  it('a traceback line of the pushed actions.py lands on the same statement in a working copy with more lines (was: wrong line)', () => {
    const today = ['# a new header comment', '# another one', RAN].join('\n');
    const [a] = anchorFailures(
      [{ kind: 'traceback', message: "NameError: name 'nme' is not defined", line: 5, file: 'actions.py' }],
      { 'actions.py': RAN },
      { 'actions.py': today },
    );
    assert.equal(a.file, 'actions.py');
    assert.equal(a.line, 6, 'line 5 of the version that ran is line 7 today');
    assert.match(a.anchor ?? '', /registerImage\(serviceObj, nme/);
  });
  it('the failing statement is gone today: first line, with a note', () => {
    const [a] = anchorFailures(
      [{ kind: 'traceback', message: 'x', line: 5, file: 'actions.py' }],
      { 'actions.py': RAN },
      { 'actions.py': RAN.replace('nme', 'name') },
    );
    assert.equal(a.line, 0);
    assert.match(a.note ?? '', /line 5 of the version that ran/);
  });
  it('a service.hrd failure attaches to its key, wherever the key is today', () => {
    const hrd =
      "platform.supported             = 'generic'\n\nweb.export.1                   =\n    checkmd5:'false',\n    dest:'/x/a.qcow2',\n    source:'/a.qcow2',\n    url:'ftp://h',\n\n";
    const [a] = anchorFailures(
      [{ kind: 'ftp-not-found', message: '550', key: 'source', file: 'service.hrd' }],
      { 'service.hrd': hrd },
      { 'service.hrd': `# moved\n${hrd}` },
    );
    assert.equal(a.line, 6);
    assert.equal(a.anchor, 'source');
  });
});
