"""A compact re-implementation of the JumpScale 7 HRD parser and canonical writer (domain.md §1).

Only what the simulated `ays` needs: the line state machine (first '#' truncates, a non-indented
line after a filled block is lost, TAB is not a continuation, a pending block without a final
newline is dropped), quote encoding inside multi-line blocks (so a missing comma merges two
entries), single-line typing (quoted items keep their quotes, double quotes are literal), get()
stripping single quotes, and the robot writer ("%-30s = %s", sorted keys, dict blocks).
"""
import re

_ENC = {',': '\\K', ':': '\\D', ' ': '\\S', '"': '\\Q', '\n': '\\N'}
_DEC = [('\\K', ','), ('\\D', ':'), ('\\S', ' '), ('\\Q', '"'), ('\\N', '\n')]


def _encode_quotes(text):
    def repl(m):
        inner = m.group(1)
        for k, v in _ENC.items():
            inner = inner.replace(k, v)
        return inner
    return re.sub(r"'([^']*)'", repl, text)


def _decode(text):
    for k, v in _DEC:
        text = text.replace(k, v)
    return text


def _strip_punct(v):
    return v.strip().strip(',:').strip()


def type_single(raw):
    """Single-line value typing (§1.2): returns str, list or dict."""
    masked = re.sub(r"'[^']*'", 'Q', raw)
    if '@ask' in raw.lower():
        return raw
    if masked.startswith('"'):
        return raw
    if masked == 'Q':
        return raw
    if ':' in masked:
        out = {}
        for item in _split_items(raw.strip(',:')):
            if ':' not in item:
                continue
            k, v = item.split(':', 1)
            out[k.strip()] = v.strip()
        return out
    if ',' in masked:
        return [i for i in _split_items(raw.strip(',:')) if i]
    return _strip_punct(raw)


def _split_items(raw):
    """Split on commas that are outside single quotes (quotes are kept, as the real parser does)."""
    items, cur, q = [], '', False
    for ch in raw:
        if ch == "'":
            q = not q
        if ch == ',' and not q:
            items.append(cur.strip())
            cur = ''
        else:
            cur += ch
    if cur.strip():
        items.append(cur.strip())
    return items


def type_block(lines):
    """Multi-line value typing (§1.2) from the raw continuation lines."""
    enc = [_encode_quotes(l.strip()) for l in lines]
    first = enc[0]
    if ':' in first and first.endswith(','):
        kind = 'dict'
    elif first.endswith(','):
        kind = 'list'
    else:
        return '\n'.join(_decode(l) for l in enc)
    joined = ' '.join(enc)
    items = [i.strip() for i in joined.split(',') if i.strip()]
    if kind == 'list':
        return [_decode(i) for i in items]
    out = {}
    for item in items:
        if ':' not in item:
            raise RuntimeError("cannot parse:'%s', need to find : to parse dict" % _decode(item))
        k, v = item.split(':', 1)
        out[_decode(k.strip())] = _decode(v.strip())
    return out


def parse(text):
    """Returns an ordered dict key -> value (str | list | dict) the way HRD.process() leaves it."""
    items = {}
    state, key, block = 'start', None, []

    def finish():
        items[key] = type_block(block) if block else ''

    for line in text.split('\n'):
        line = line.replace('\r', '')
        if '#' in line:
            line = line[:line.index('#')]
        stripped = line.strip()
        if state == 'multiline':
            if stripped == '':
                finish()
                state = 'start'
                continue
            if line[0] == ' ':
                block.append(line)
                continue
            if block:  # a non-indented line right after a block: the block ends and this line is lost
                finish()
                state = 'start'
                continue
            finish()
            state = 'start'
        if stripped == '' or stripped.startswith('@') or '=' not in line:
            continue
        k, rest = line.split('=', 1)
        k, rest = k.strip(), rest.strip()
        if rest == '':
            state, key, block = 'multiline', k, []
            continue
        items[k] = type_single(rest)  # a duplicate key: the last one wins, the first position is kept
    # a block still pending here means the file did not end with a newline: it is dropped
    return items


def get(value):
    """HRD get(): scalars with surrounding single quotes and whitespace stripped."""
    if isinstance(value, str):
        v = value.strip()
        if len(v) >= 2 and v.startswith("'") and v.endswith("'"):
            v = v[1:-1]
        return v.strip()
    return value


def get_list(value):
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return list(value.keys())
    v = get(value)
    return [i.strip() for i in v.split(',') if i.strip()] if v else []


def _q(v):
    v = get(v) if isinstance(v, str) else str(v)
    return "'%s'" % v


def dumps(items):
    """The canonical robot writer (HRDBase.__repr__)."""
    out = []
    for k in sorted(items):
        v = items[k]
        if isinstance(v, dict):
            out.append('%-30s =' % k)
            for ik in sorted(v):
                out.append("    %s:%s," % (ik, _q(v[ik])))
            out.append('')
        elif isinstance(v, list):
            out.append('%-30s =' % k)
            for iv in v:
                out.append('    %s,' % _q(iv))
            out.append('')
        else:
            out.append('%-30s = %s' % (k, _q(v)))
    return '\n'.join(out) + '\n'


def load(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        return parse(f.read())
