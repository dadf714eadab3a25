"""Node side: `ays install -n NAME -i INSTANCE --noremote` (domain.md §2.4, §2.5, §4).

Runs in the node's sandbox folder (<sandbox>/nodes/<node>/); absolute paths of the recipe (dest)
are mapped into it. Downloads, then the recipe's `configure` with python3 and the stub modules
`JumpScale` and `CloudscalerLibcloud` (test/sandbox/ays/stubs).
"""
import hashlib
import os
import re
import sys
import types

from . import hrd
from .download import download, read_text
from .sandbox import on_node

STUBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'stubs')


def md5_file(path):
    h = hashlib.md5()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 16), b''):
            h.update(chunk)
    return h.hexdigest()


def web_exports(node, items):
    """Service._install, web.export part: in sorted key order, plain prefix match."""
    for key in sorted(items):
        if not key.startswith('service.web.export'):
            continue
        item = items[key]
        if not isinstance(item, dict) or 'dest' not in item:
            raise RuntimeError('could not find dest in hrditem for %s' % key)
        fullurl = '%s/%s' % (item['url'], item['source'].lstrip('/'))
        dest = item['dest']
        local = on_node(node, dest)
        os.makedirs(os.path.dirname(local), exist_ok=True)
        checkmd5 = str(item.get('checkmd5', 'false')).strip().lower() == 'true'
        if checkmd5 and os.path.exists(local):
            remote = read_text(fullurl + '.md5sum', node).split()
            if remote and remote[0] == md5_file(local):
                print('md5 of %s matches %s.md5sum, no download needed' % (dest, fullurl))
                continue
            os.remove(local)
        elif os.path.exists(local):
            os.remove(local)
        print('download %s to %s' % (fullurl, dest))
        sys.stdout.flush()
        download(fullurl, local, node)


_PRINT = re.compile(r'^(\s*)print(\s+(?![=(.\[])(.*?)|\s*)$')


def py2_tolerant(source):
    """The only Python 2 rewrite done: `print x, y` / `print x,` / bare `print` statements become
    print() calls, and `except E, e:` becomes `except E as e:`. Anything else that is Python-2-only
    fails with a SyntaxError, as it would show up as a Traceback on a real node."""
    out = []
    for line in source.split('\n'):
        m = _PRINT.match(line)
        if m and not line.strip().startswith('print('):
            args = (m.group(3) or '').rstrip()
            if args.startswith('>>'):
                out.append(line)
                continue
            end = ''
            if args.endswith(','):
                args, end = args[:-1], ", end=' '"
            line = '%sprint(%s%s)' % (m.group(1), args, end)
        line = re.sub(r'^(\s*except\s+[\w.()\s,]+?)\s*,\s*(\w+)\s*:', r'\1 as \2:', line)
        out.append(line)
    return '\n'.join(out)


def run_configure(node, inst_dir, items):
    if STUBS not in sys.path:
        sys.path.insert(0, STUBS)
    os.environ['AYS_SANDBOX_NODE_ROOT'] = on_node(node, '/')
    from JumpScale import Service  # the stub
    domain, name, instance = (hrd.get(items.get('service.%s' % k, '')) for k in ('domain', 'name', 'instance'))
    path = os.path.join(inst_dir, 'actions.py')
    with open(path, encoding='utf-8', errors='replace') as f:
        source = py2_tolerant(f.read())
    modname = 'JumpScale.atyourservice.%s.%s.%s' % (domain, name, instance)
    mod = types.ModuleType(modname)
    mod.__file__ = path
    sys.modules[modname] = mod
    exec(compile(source, path, 'exec'), mod.__dict__)
    actions = mod.Actions()
    service = Service(domain, name, instance, inst_dir, items, node)
    for step in ('stop', 'prepare'):
        getattr(actions, step)(service)
    return service, actions


def install(node, args):
    hrddir = os.getcwd()
    instance = args.instance or 'main'
    matches = [d for d in sorted(os.listdir(hrddir)) if d.split('__')[1:] == [args.name, instance]]
    if not matches:
        raise RuntimeError('cannot find service %s__%s__%s' % (args.domain, args.name, instance))
    inst_dir = os.path.join(hrddir, matches[0])
    items = hrd.load(os.path.join(inst_dir, 'service.hrd'))
    checksum = hrd.get(items.get('service.installed.checksum', ''))
    vfile = os.path.join(inst_dir, 'installed.version')
    if os.path.exists(vfile) and open(vfile).read().strip() == checksum and not args.reinstall:
        print('Latest %s already installed' % matches[0])
        return
    service, actions = run_configure(node, inst_dir, items)  # init/stop/prepare (no-ops for images)
    web_exports(node, items)
    actions.configure(service)
    if not args.nostart:
        actions.start(service)
    with open(vfile, 'w') as f:
        f.write(checksum)
