/**
 * The HRD document generator of the conformance suite (issue 14): three families, all from fixed seeds.
 * - `edge`: the §1 edge cases of domain.md and the classes of the issue, one small document each;
 * - `gen`: grammar-aware random documents (quotes of both kinds, unbalanced, `#`, `=`, `:`, `,`, tabs, blank and
 *   comment lines, missing final newline, blocks, `@ASK`, `$(…)`, `{{…}}`, `b`/`bqp` blocks, CRLF, BOM);
 * - `mut`: mutations of realistic recipes (examples/ and robot-written templates).
 * The golden answers (test/conformance/golden/hrd.jsonl.gz) keep each document's text, so this generator only runs
 * when they are regenerated (scripts/conformance-regen.mjs) or compared live with the oracle.
 */
import { randomEdit, rng, type Rng } from './seededRandom';

export interface CorpusDoc {
  id: string;
  family: 'edge' | 'gen' | 'mut';
  text: string;
}

export const EDGE_CASES: readonly string[] = [
  // §1.5 table
  "web.export.1 =\n    checkmd5:'true',\n    dest:'/a.qcow2',\nplatform.supported = 'generic'\n",
  "web.export.1 =\n    checkmd5:'true',\n    dest:'/a.qcow2',",
  "web.export.1 =\n\tcheckmd5:'true',\n\tdest:'/a.qcow2',\n",
  "web.export.1 =\n    checkmd5:'true',\n# c\n    dest:'/a.qcow2',\n\n",
  "web.export.1 =\n    url:'ftp://pub:p#w@h',\n    dest:'/x',\n\n",
  'x = http://h/p\n',
  'x = "abc"\n',
  "v = 'a',\n",
  '=novalue\n',
  'key with space = 1\n',
  'justtext\n',
  "web.export.1 =\n    checkmd5:'true',\n<<<<<<< HEAD\n    dest:'/a',\n=======\n    dest:'/b',\n>>>>>>> x\n\n",
  "x =\n    checkmd5:'True',\n\n",
  // issue 14 classes
  'x =\n    b:,\n\n',
  'x = 10:30:::,\n',
  "x =\n    a:'x,\n    b:1,\n\n",
  "x =\n    name:'s4'\n    args:'s4'\n\n",
  "x =\n    name:s4\n    args:'s4',\n\n",
  "x = ' a b '\n",
  "x = ' a:b '\n",
  'x = :a\n',
  'x = ,a\n',
  'x = ,a,\n',
  'x = \\S\\K\\Q\\D\\N\\n\n',
  "x = 'a\\Sb'\n",
  'x =\n    a:\\K,\n\n',
  'x = @ask descr:foo\n',
  'x = @ASK descr:foo\n',
  'x = [a]\n',
  'x = [1,2]\n',
  "x = 'a,b',c\n",
  'x = "a:b"\n',
  'x = "a,b"\n',
  'x = b\n#BINARYEND#########\n',
  'x = bqp\nab=3Dc=\nd\n#BINARYEND#########\n',
  'x = b\nline1\n  line2 # not a comment\n#BINARYEND#########\n\n',
  'a = [1,2]\nb = $(a)\n',
  'a =\n    k:v,\nb = $(a)\n\n',
  'a = $(a)\n',
  'a = $(b)\nb = $(a)\n',
  'a = x $(b) y\nb = 1\n',
  "x = '',''\n",
  "x =\n    '',\n    b,\n\n",
  "x =\n    ''\n\n",
  "x = a,'',b\n",
  'x = @ASK,\n    a:1,\n\n',
  'x = @ask,\n    a:1,\n\n',
  "x = a:'1,2', b:c\n",
  'x = a:1, b\n',
  'x = {{1+1}}\n',
  'x = a\r\ny = b\r\n',
  '\ufeffx = 1\n',
  'x = 1',
  '@x = 1\ny = 2\n',
  'x = 1 # c\n',
  "x = 'a#b'\n",
  'x = a\n  y = b\n',
  "x =\n    'a b',\n    c d,\n\n",
  'x = none\n',
  'x = true\n',
  'x = 12\n',
  'x = [1.5, 2]\n',
  'x = [ 1, a ]\n',
  "x = '[a]'\n",
  'x = a:[1,2]\n',
  'x =\n    a:[1,2],\n    b:3,\n\n',
  'x = $()\n= 5\n',
  'x = $(y)\ny = a:b\n',
  'x = $(y) z\ny = a b\n',
  'x = $(y)\ny =\n    l1\n    l2\n\n',
  "x = 'a'b'c'\n",
  "x = '\"'\n",
  'x = \\\n',
  "x = '''\n",
  'x =\n    a:1,\n  \n    b:2,\n\n',
  'x =\n    a:1,\n\ty = 2\n\n',
];

const KEYS = [
  'a',
  'b',
  'x',
  'web.export.1',
  'web.export.2',
  'platform.supported',
  'description',
  'instance.ip',
  'k.v',
  'A',
  'key with space',
  '',
];
const ATOMS = [
  'v',
  'generic',
  'true',
  'false',
  'none',
  'empty',
  '1',
  '12',
  '1.5',
  '0.5',
  '10:30',
  'http://h/p',
  '/opt/x.qcow2',
  'a b',
  ' ',
  "'",
  '"',
  "''",
  '""',
  "'x'",
  '"x"',
  "'a b'",
  "'a,b'",
  "'a:b'",
  '"a:b"',
  ',',
  ':',
  '::',
  ',,',
  '#',
  '# c',
  '=',
  '\t',
  '\\S',
  '\\K',
  '\\Q',
  '\\D',
  '\\N',
  '\\n',
  '\\',
  '[a]',
  '[1,2]',
  '[',
  ']',
  '[1.5]',
  '@ASK',
  '@ask',
  '@ASK type:str',
  '$(a)',
  '$(b)',
  '$(x)',
  '$(web.export.1)',
  '$()',
  '{{1+1}}',
  '}}',
  '{{',
  'b',
  'bqp',
  'é',
  '\u00a0',
];

function atom(r: Rng): string {
  const n = 1 + r.int(3);
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(ATOMS) + (r.chance(0.2) ? ' ' : '');
  return s;
}

function entry(r: Rng): string {
  const k = r.chance(0.8) ? r.pick(['url', 'dest', 'source', 'checkmd5', 'a', 'b', "'k'", 'k k']) : atom(r);
  const sep = r.pick([':', ':', ':', ' : ', '', '::']);
  return (r.chance(0.15) ? '' : k + sep) + atom(r);
}

function singleLine(r: Rng): string {
  switch (r.int(6)) {
    case 0:
      return atom(r);
    case 1:
      return Array.from({ length: 1 + r.int(4) }, () => atom(r)).join(r.pick([',', ', ', ' ,']));
    case 2:
      return Array.from({ length: 1 + r.int(3) }, () => entry(r)).join(r.pick([',', ', ']));
    case 3:
      return r.pick(["'", '"', '']) + atom(r) + r.pick(["'", '"', '', ',', "',"]);
    case 4:
      return r.pick(['@ASK descr:x', '@ask', '$(a)', '$(b) tail', '{{x}}', '[1,2]', 'a:[1,2]']);
    default:
      return '';
  }
}

function block(r: Rng, nl: string): string {
  const indent = () => r.pick(['    ', '    ', '  ', ' ', '\t', '        ', ' \t']);
  const n = 1 + r.int(4);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const kind = r.int(10);
    let l: string;
    if (kind < 5) l = entry(r) + (r.chance(0.8) ? ',' : '');
    else if (kind < 8) l = atom(r) + (r.chance(0.6) ? ',' : '');
    else if (kind < 9) l = r.pick(['', '# c', '  # c', "''", "'',", '@x']);
    else l = singleLine(r);
    lines.push(l === '' || l.startsWith('#') ? l : indent() + l);
  }
  return lines.join(nl);
}

function binaryBlock(r: Rng, nl: string): string {
  const lines = Array.from({ length: r.int(3) }, () =>
    r.pick(['abc', 'a=3Db', 'x=\r', '=41=42', 'tail=', '  spaced', '# hash', 'é=C3=A9', '=ZZ', '==']),
  );
  return lines.join(nl) + (r.chance(0.85) ? nl + '#BINARYEND#########' + r.pick(['', 'x']) : '');
}

export function generateDoc(r: Rng): string {
  const nl = r.chance(0.08) ? '\r\n' : '\n';
  const parts: string[] = [];
  const n = 1 + r.int(5);
  for (let i = 0; i < n; i++) {
    const key = r.chance(0.9) ? r.pick(KEYS) : atom(r);
    const pad = r.pick([' = ', '=', ' =', '= ', '                   = ', ' == ']);
    const lead = r.chance(0.08) ? r.pick([' ', '\t', '  ']) : '';
    const form = r.int(10);
    if (form < 5) parts.push(lead + key + pad + singleLine(r) + (r.chance(0.1) ? ' # ' + atom(r) : ''));
    else if (form < 8)
      parts.push(
        lead + key + r.pick([' =', ' = ', ' = @ASK,', ' = @ask,']) + nl + block(r, nl) + (r.chance(0.6) ? nl : ''),
      );
    else if (form < 9) parts.push(key + ' = ' + r.pick(['b', 'bqp']) + nl + binaryBlock(r, nl));
    else parts.push(r.pick(['# comment', '', 'justtext', '@directive', '  # c', atom(r), '=======', '<<<<<<< HEAD']));
  }
  let text = parts.join(nl);
  if (r.chance(0.85)) text += nl;
  if (r.chance(0.04)) text = '\ufeff' + text;
  return text;
}

/** Realistic recipes: the examples/ folder's plus robot-written and hand-written templates. */
export const REALISTIC: readonly string[] = [
  "platform.supported             = 'generic'\nweb.export.1                   =\n    checkmd5:'true',\n    dest:'/opt/jumpscale7/var/tmp/templates/ubuntu-2204',\n    source:'/ubuntu/22.04/ubuntu-22.04-server-cloudimg-amd64.img',\n    url:'ftp://pub:pub1234@ftp.aydo.com',\n\n",
  "platform.supported             = \"generic\"\nweb.export.1                   =\n    checkmd5:'true',\n    dest:'/opt/jumpscale7/var/tmp/templates/centos-7-x86_64'\n    source:'/centos/7/images/CentOS-7-x86_64-GenericCloud.qcow2',\n    url:'http://cloud.centos.example.org/',\ndescription                    = 'CentOS 7 cloud image'\n",
  "instance.ip                    = '192.0.2.11'\ninstance.login                 = 'root'\ninstance.ssh.port              = '22'\ninstance.sshkey                = 'nodes'\nservice.category               = 'node'\nservice.domain                 = 'jumpscale'\nservice.instance               = 'demo-cpu-01'\nservice.name                   = 'node.ssh'\n",
  "ip = @ASK descr:'Machine  IP'\nlogin = @ASK descr:'login' default:root\nport = @ASK type:int default:22\n",
  "# image recipe\nplatform.supported = 'generic'\n\nweb.export.1 =\n    url:'ftp://pub:pub1234@ftp.aydo.com',\n    source:'/images/win2019.qcow2',\n    dest:'/mnt/vmstor/templates/windows-2019.qcow2',\n    checkmd5:'false',\n\nweb.export.2 =\n    url:'http://h/x',\n    source:'/a',\n    dest:'/b',\n    checkmd5:'true',\n\ndependencies.1 =\n    name:'jumpscale__base',\n    domain:'jumpscale',\n\ndescription = 'a $(platform.supported) image'\n",
  "git.export.1 =\n    url:'https://github.com/x/y',\n    branch:'master',\n    dest:'/opt/code/y',\n\nprocess.1 =\n    cmd:'python',\n    args:'server.py',\n    prio:10,\n    cwd:'$(param.base)',\n    timeout_start:20,\n    ports:8080,\n\nparam.base = /opt/app\nparam.list = a, b, c,\n",
];

const MUTATIONS = [
  '',
  "'",
  '"',
  ',',
  ':',
  '#',
  '=',
  '\t',
  ' ',
  '\n',
  '\r\n',
  '    ',
  '\\K',
  '\\S',
  '[',
  ']',
  '@ASK ',
  '@ask',
  '$(',
  ')',
  '{{',
  '}}',
  "''",
  ',,',
  '::',
  '# c\n',
  'b',
  'bqp',
  '\ufeff',
  '\n\n',
];

export function mutate(r: Rng, base: string): string {
  let s = base;
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) {
    const k = r.int(5);
    if (k < 3) s = randomEdit(r, s, MUTATIONS, 4);
    else if (k === 3) {
      // duplicate or drop a whole line
      const lines = s.split('\n');
      const at = r.int(lines.length);
      if (r.chance(0.5)) lines.splice(at, 0, lines[at]);
      else lines.splice(at, 1);
      s = lines.join('\n');
    } else s = r.chance(0.5) ? s.replace(/\n$/, '') : s.replace(/\n/g, '\r\n');
  }
  return s;
}

export function hrdCorpus(counts = { gen: 16000, mut: 5000 }, extraRealistic: readonly string[] = []): CorpusDoc[] {
  const out: CorpusDoc[] = EDGE_CASES.map((text, i) => ({ id: `edge-${i}`, family: 'edge', text }));
  const r = rng(0x14c0ffee);
  for (let i = 0; i < counts.gen; i++) out.push({ id: `gen-${i}`, family: 'gen', text: generateDoc(r) });
  const bases = [...REALISTIC, ...extraRealistic];
  const m = rng(0x7e57ab1e);
  for (let i = 0; i < counts.mut; i++)
    out.push({ id: `mut-${i}`, family: 'mut', text: mutate(m, bases[i % bases.length]) });
  return out;
}
