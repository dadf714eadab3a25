"""ovc_git side of `ays install --targettype node.ssh --targetname N` (domain.md §2.2, §3.2, §3.4)."""
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid

from . import hrd
from .output import fabric_abort, opserror_critical_exit, runtime_error_exit
from .sandbox import config, faults, node_root

# PlatformTypes.py: the running machine (ovc_git is Ubuntu 64-bit) and its ancestors.
PLATFORM_ANCESTORS = {
    'ubuntu64': ['ubuntu64', 'ubuntu', 'linux64', 'linux', 'unix', 'generic'],
}


def find_config_repo(start):
    """An ancestor with services/ and servicetemplates/ (or services/.aysrepo)."""
    d = os.path.abspath(start)
    while True:
        if os.path.isdir(os.path.join(d, 'services')) and (
                os.path.isdir(os.path.join(d, 'servicetemplates')) or
                os.path.exists(os.path.join(d, 'services', '.aysrepo'))):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def find_templates(repo, domain, name):
    """findTemplates: a directory with service.hrd is a template; walks recursively, skips .git.
    The real duplicate filter is buggy and removes nothing, so nested duplicates are all returned."""
    found = []
    if not repo:
        return found
    repodomain = os.path.basename(repo)
    if domain and domain != repodomain:
        return found
    root = os.path.join(repo, 'servicetemplates')
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != '.git')
        if 'service.hrd' in filenames and dirpath != root:
            base = os.path.basename(dirpath)
            if name == '' or base == name:
                found.append((repodomain, base, dirpath))
    return found


def find_services(services_dir, domain, name, instance):
    res = []
    if not os.path.isdir(services_dir):
        return res
    for dirpath, dirnames, _ in os.walk(services_dir):
        for d in dirnames:
            parts = d.split('__')
            if len(parts) != 3:
                continue
            if (not domain or parts[0] == domain) and parts[1] == name and parts[2] == instance:
                res.append(os.path.join(dirpath, d))
    return res


def folder_md5(path):
    """j.system.fs.getFolderMD5sum: every file of the template folder (backup files included)."""
    h = hashlib.md5()
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames.sort()
        for f in sorted(filenames):
            p = os.path.join(dirpath, f)
            h.update(os.path.relpath(p, path).encode())
            with open(p, 'rb') as fh:
                h.update(hashlib.md5(fh.read()).hexdigest().encode())
    return h.hexdigest()


def apply_on_file(path, values):
    """applyOnFile: `$(key)` replaced by instance values where such a key exists."""
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()

    def repl(m):
        key = m.group(0)[2:-1]
        v = values.get(key)
        return hrd.get(v) if isinstance(v, str) else m.group(0)
    new = re.sub(r'\$\([\w.]*\)', repl, text)
    if new != text:
        with open(path, 'w', encoding='utf-8') as f:
            f.write(new)


def create_instance(parent_dir, domain, name, instance, tpl_dir, checksum, data, producer):
    """Service._apply: create or load the instance, set the args, then applyTemplates (missing keys only)."""
    inst_dir = os.path.join(parent_dir, '%s__%s__%s' % (domain, name, instance))
    os.makedirs(inst_dir, exist_ok=True)
    shutil.copyfile(os.path.join(tpl_dir, 'actions.py'), os.path.join(inst_dir, 'actions.py'))
    if os.path.exists(os.path.join(tpl_dir, 'actions.lua')):
        shutil.copyfile(os.path.join(tpl_dir, 'actions.lua'), os.path.join(inst_dir, 'actions.lua'))
    hrd_path = os.path.join(inst_dir, 'service.hrd')
    items = hrd.load(hrd_path) if os.path.exists(hrd_path) else {}
    items.update({'service.name': name, 'service.domain': domain, 'service.instance': instance,
                  'service.installed.checksum': checksum})
    if producer:
        items['producer.node'] = producer
    items.update(data)
    for fname, prefix in (('service.hrd', 'service'), ('instance.hrd', 'instance')):
        p = os.path.join(tpl_dir, fname)
        if not os.path.exists(p):
            continue
        for k, v in hrd.load(p).items():
            key = ('%s.%s' % (prefix, k)).lower()
            if key not in items:  # applyTemplates only adds keys that are missing
                items[key] = v
    with open(hrd_path, 'w') as f:
        f.write(hrd.dumps(items))
    apply_on_file(hrd_path, items)
    apply_on_file(os.path.join(inst_dir, 'actions.py'), items)
    return inst_dir


def list_templates(args):
    repo = find_config_repo(os.getcwd())
    print('%-20s %s' % ('DOMAIN', 'NAME'))
    print('=' * 60)
    for domain, name, _ in find_templates(repo, args.domain, args.name):
        print('%-20s %s' % (domain, name))


class Fabric(object):
    """Prints like Fabric 1.x `sudo()` and runs the node side of the sandbox."""

    def __init__(self, node, ip, port):
        self.node, self.host = node, '[%s:%s]' % (ip, port)
        self.ip, self.port, self.connected = ip, port, False

    def _connect(self):
        if self.connected:
            return
        mode = (faults().get('unreachableNodes') or {}).get(self.node)
        if mode == 'refused':
            fabric_abort('Low level socket error connecting to host %s on port %s: Connection refused '
                         '(tried 1 time)\n\nUnderlying exception:\n    Connection refused' % (self.ip, self.port))
        if mode:
            time.sleep(float(faults().get('connectTimeoutMs', 1000)) / 1000.0)
            fabric_abort('Timed out trying to connect to %s (tried 1 time)\n\nUnderlying exception:\n    timed out'
                         % self.ip)
        self.connected = True

    def sudo(self, cmd, output_lines=None, runner=None):
        print('%s sudo: %s' % (self.host, cmd))
        sys.stdout.flush()
        self._connect()
        for line in output_lines or []:
            print('%s out: %s' % (self.host, line))
        rc = runner(self) if runner else 0
        sys.stdout.flush()
        if rc != 0:
            fabric_abort('sudo() received nonzero return code %d while executing!\n\nRequested: %s\n'
                         'Executed: sudo -S -p \'sudo password:\'  /bin/bash -l -c "%s"'
                         % (rc, cmd, cmd.replace('"', '\\"').replace('$', '\\$')))
        return rc

    def stream(self, argv, env, cwd):
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=cwd)

        def forward(signum, frame):  # a cancelled ays must not leave the node-side install running
            try:
                p.send_signal(signal.SIGTERM)
            except OSError:
                pass
            sys.exit(128 + signum)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, forward)
        try:
            for raw in iter(p.stdout.readline, b''):
                sys.stdout.write('%s out: %s\n' % (self.host, raw.decode('utf-8', 'replace').rstrip('\r\n')))
                sys.stdout.flush()
            return p.wait()
        finally:
            if p.poll() is None:  # e.g. our stdout went away (the SSH channel closed)
                p.terminate()


def install(args):
    repo = find_config_repo(os.getcwd())
    services_dir = os.path.join(repo, 'services') if repo else '/opt/jumpscale7/hrd/apps'
    instance = args.instance or 'main'
    parent_dir, node_hrd = None, None
    if args.targettype:
        found = find_services(services_dir, '', args.targettype, args.targetname)
        if not found:
            runtime_error_exit('cannot find service %s__%s__%s' % ('', args.targettype, args.targetname))
        if len(found) > 1:
            runtime_error_exit('multiple service found for %s__%s__%s' % ('', args.targettype, args.targetname))
        parent_dir = found[0]
        node_hrd = hrd.load(os.path.join(parent_dir, 'service.hrd'))
    templates = find_templates(repo, args.domain, args.name)
    if not templates:
        runtime_error_exit('no templates found for %s__%s. Be more precise please' % (args.domain, args.name))
    if len(templates) > 1:
        for d, n, p in templates:
            print('template: %s__%s (%s)' % (d, n, p))
        runtime_error_exit('multiple templates found for %s__%s. Be more precise please' % (args.domain, args.name))
    domain, name, tpl_dir = templates[0]
    tpl = hrd.load(os.path.join(tpl_dir, 'service.hrd'))
    supported = hrd.get_list(tpl.get('platform.supported', ''))
    mine = PLATFORM_ANCESTORS[config().get('platform', 'ubuntu64')]
    if supported and not any(s in mine for s in supported):
        opserror_critical_exit('Cannot install %s__%s because unsupported platform.' % (domain, name))
    if not parent_dir:
        runtime_error_exit('the AYS sandbox only simulates installs with --targettype node.ssh --targetname <node>')
    from .cli import parse_data
    checksum = folder_md5(tpl_dir)
    producer = args.targetname if hrd.get(node_hrd.get('service.category', '')) == 'node' else None
    create_instance(parent_dir, domain, name, instance, tpl_dir, checksum, parse_data(args.data), producer)
    remote_install(args, parent_dir, node_hrd, domain, name, instance, checksum)


def remote_install(args, parent_dir, node_hrd, domain, name, instance, checksum):
    """RemoteService.executeaction('install'); `-r` is deliberately not forwarded."""
    node = args.targetname
    ip = hrd.get(node_hrd.get('instance.ip', ''))
    port = hrd.get(node_hrd.get('instance.ssh.port', '22')) or '22'
    if not node_hrd.get('instance.sshkey') and not node_hrd.get('instance.password'):
        runtime_error_exit("can't connect to the node, should provide or password or a key to connect")
    fab = Fabric(node, ip, port)
    hrddir = '/opt/jumpscale7/hrd/apps'
    local_hrddir = os.path.join(node_root(node), hrddir.lstrip('/'))
    sname = '%s__%s__%s' % (domain, name, instance)
    fab.sudo('ays hrdpath', [hrddir])
    version_file = os.path.join(local_hrddir, sname, 'installed.version')
    exists = os.path.exists(version_file)
    fab.sudo('test -f %s/%s/installed.version ; echo $?' % (hrddir, sname), ['0' if exists else '1'])
    if exists:
        with open(version_file) as f:
            current = f.read().strip()
        fab.sudo('cat %s/%s/installed.version' % (hrddir, sname), [current])
        if current == checksum:
            return
    tmp = '/tmp/%s' % uuid.uuid4()
    if args.verbose:
        print('rsync -a %s/ %s:%s/' % (parent_dir, ip, tmp))
    fab.sudo('ays makelocal --tolocal "%s"' % tmp)
    fab.sudo('rsync -a %s/ %s/' % (tmp, hrddir), runner=lambda f: sync_children(parent_dir, local_hrddir))
    cmd = "source /opt/jumpscale7/env.sh; ays install -n %s -i %s --noremote --data ''" % (name, instance)
    env = dict(os.environ, AYS_SANDBOX_NODE=node)
    argv = [sys.executable, '-B', '-I', '-S', '-u', os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'ays'),
            'install', '-n', name, '-i', instance, '--noremote', '--data', '']
    fab.sudo(cmd, runner=lambda f: f.stream(argv, env, local_hrddir))


def sync_children(parent_dir, local_hrddir):
    """rsync of every child service folder of the node, then `ays makelocal` (drops producer.node)."""
    os.makedirs(local_hrddir, exist_ok=True)
    for child in sorted(os.listdir(parent_dir)):
        src = os.path.join(parent_dir, child)
        if not os.path.isdir(src):
            continue
        dst = os.path.join(local_hrddir, child)
        os.makedirs(dst, exist_ok=True)
        for f in os.listdir(src):
            if os.path.isfile(os.path.join(src, f)):
                shutil.copyfile(os.path.join(src, f), os.path.join(dst, f))
        p = os.path.join(dst, 'service.hrd')
        if os.path.exists(p):
            items = hrd.load(p)
            items.pop('producer.node', None)
            with open(p, 'w') as fh:
                fh.write(hrd.dumps(items))
    return 0
