"""Stub of the JumpScale 7 `j` object for recipes run by the AYS sandbox (only what image recipes use)."""
import os
import sys

_HERE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from aysim import hrd as _hrd  # noqa: E402
from aysim.sandbox import config as _config  # noqa: E402


def _local(path):
    """Absolute node paths are mapped into the node's sandbox folder."""
    root = os.environ.get('AYS_SANDBOX_NODE_ROOT', '/')
    return os.path.join(root, path.lstrip('/')) if os.path.isabs(path) else path


class ActionsBase(object):
    """ActionsBase (7.4.5.1): every method receives the service positionally."""

    def init(self, serviceobj): return True
    def prepare(self, serviceobj): return True
    def configure(self, serviceobj): return True
    def start(self, serviceobj): return True
    def stop(self, serviceobj): return True
    def halt(self, serviceobj): return True
    def check_down_local(self, serviceobj): return True
    def check_up_local(self, serviceobj, wait=True): return True
    def check_requirements(self, serviceobj): return True
    def build(self, serviceobj): pass
    def package(self, serviceobj): pass
    def monitor_local(self, serviceobj): return True
    def monitor_remote(self, serviceobj): return True
    def cleanup(self, serviceobj): pass
    def test(self, serviceobj): pass
    def uninstall(self, serviceobj): pass
    def removedata(self, serviceobj): pass
    def data_export(self, serviceobj): return False
    def data_import(self, id, serviceobj): return False
    def prepareLocal(self, serviceobj): return True
    def configureLocal(self, serviceobj): return True
    def execute(self, serviceobj, cmd): pass
    def upload(self, serviceobj, source, dest): pass
    def download(self, serviceobj, source, dest): pass


class Hrd(object):
    def __init__(self, items, path):
        self.items, self.path = items, path

    def exists(self, key): return key in self.items
    def get(self, key, default=None):
        if key not in self.items:
            if default is not None:
                return default
            raise KeyError(key)
        return _hrd.get(self.items[key])
    def getStr(self, key, default=None): return str(self.get(key, default))
    def getInt(self, key, default=None): return int(self.get(key, default))
    def getBool(self, key, default=None): return str(self.get(key, default)).lower() in ('1', 'true')
    def getList(self, key, default=None): return _hrd.get_list(self.items.get(key, default or ''))
    def getDict(self, key):
        v = self.items[key]
        if not isinstance(v, dict):
            raise RuntimeError("cannot parse:'%s', need to find : to parse dict" % v)
        return v
    def prefix(self, prefix): return sorted(k for k in self.items if k.startswith(prefix))
    def getListFromPrefix(self, prefix): return [self.items[k] for k in self.prefix(prefix)]
    def set(self, key, value): self.items[key] = value


class Service(object):
    def __init__(self, domain, name, instance, path, items, node):
        self.domain, self.name, self.instance, self.path = domain, name, instance, path
        self.hrd = Hrd(items, os.path.join(path, 'service.hrd'))
        self.node = node

    def __repr__(self):
        return '%s__%s__%s' % (self.domain, self.name, self.instance)


class _Obj(object):
    pass


class _Fs(object):
    def exists(self, path): return os.path.exists(_local(path))
    def joinPaths(self, *parts): return os.path.join(*parts)
    def getBaseName(self, path): return os.path.basename(path)
    def getDirName(self, path): return os.path.dirname(path)
    def remove(self, path):
        if os.path.exists(_local(path)):
            os.remove(_local(path))
    def createDir(self, path): os.makedirs(_local(path), exist_ok=True)
    def fileGetContents(self, path):
        with open(_local(path)) as f:
            return f.read()


j = _Obj()
j.atyourservice = _Obj()
j.atyourservice.getActionsBaseClass = lambda: ActionsBase
j.system = _Obj()
j.system.fs = _Fs()
j.application = _Obj()
j.application.whoAmI = _Obj()
j.application.whoAmI.gid = int(_config().get('gid', 1))
j.application.whoAmI.nid = 0
j.console = _Obj()
j.console.echo = lambda msg, *a, **k: print(msg)
j.logger = _Obj()
j.logger.log = lambda msg, *a, **k: print(msg)
