"""Sandbox configuration (AYS_SANDBOX_CONFIG) and the portal state JSON shared with the Node side.

The state file is written with a lock directory (`<state>.lock`, created with mkdir, which is
atomic) and an atomic rename; the TypeScript side (test/sandbox/portalState.ts) uses the same lock.
"""
import json
import os
import time

_CONFIG = None


def config():
    global _CONFIG
    if _CONFIG is None:
        path = os.environ.get('AYS_SANDBOX_CONFIG')
        if not path or not os.path.exists(path):
            raise RuntimeError('AYS_SANDBOX_CONFIG is not set: this ays only runs inside the AYS sandbox')
        with open(path) as f:
            _CONFIG = json.load(f)
        _CONFIG['_path'] = path
    return _CONFIG


def faults():
    """Faults are re-read on every call: tests change them while the sandbox runs."""
    with open(config()['_path']) as f:
        return json.load(f).get('faults', {})


def node_root(node):
    return os.path.join(config()['nodesRoot'], node)


def on_node(node, path):
    """Maps an absolute path of a node (e.g. a web.export dest) into the node's sandbox folder."""
    return os.path.join(node_root(node), path.lstrip('/'))


class StateLock(object):
    def __init__(self, path):
        self.lock = path + '.lock'

    def __enter__(self):
        end = time.time() + 15
        while True:
            try:
                os.mkdir(self.lock)
                return self
            except FileExistsError:
                try:
                    if time.time() - os.stat(self.lock).st_mtime > 30:
                        os.rmdir(self.lock)  # stale lock of a killed writer
                        continue
                except OSError:
                    continue
                if time.time() > end:
                    raise RuntimeError('portal state is locked: %s' % self.lock)
                time.sleep(0.01)

    def __exit__(self, *exc):
        try:
            os.rmdir(self.lock)
        except OSError:
            pass


def read_state():
    with open(config()['statePath']) as f:
        return json.load(f)


def update_state(fn):
    """Runs fn(state) under the lock and writes the result atomically; returns fn's result."""
    path = config()['statePath']
    with StateLock(path):
        with open(path) as f:
            state = json.load(f)
        result = fn(state)
        tmp = '%s.%d.tmp' % (path, os.getpid())
        with open(tmp, 'w') as f:
            json.dump(state, f, indent=2)
        os.replace(tmp, path)
    return result
