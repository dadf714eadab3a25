"""openvstorage.copyImage, simulated: the vpool `vmstor` is the `vdisks` list of the portal state file."""
import hashlib
import os
import time
import uuid

from JumpScale import _local
from aysim.sandbox import update_state


def copyImage(srcpath):
    """Template name = splitext(basename(dest))[0]. An existing template is reused (the new file is
    ignored); otherwise `qemu-img convert` would import the file, which must exist."""
    name = os.path.splitext(os.path.basename(srcpath))[0]
    local = _local(srcpath)

    def fn(state):
        vdisks = state.setdefault('vdisks', [])
        for v in vdisks:
            if v['name'] == name:
                return v['guid']
        if not os.path.exists(local):
            raise RuntimeError('Disk Image %s does not exist' % srcpath)
        with open(local, 'rb') as f:
            data = f.read()
        guid = str(uuid.uuid4())
        vdisks.append({'name': name, 'guid': guid, 'path': 'templates/%s.raw' % name,
                       'md5': hashlib.md5(data).hexdigest(), 'bytes': len(data),
                       'head': data[:16].hex(), 'node': os.environ.get('AYS_SANDBOX_NODE', ''),
                       'created': int(time.time())})
        return guid
    guid = update_state(fn)
    return guid, 'openvstorage+tcp://10.199.0.1:26203/templates/%s' % name
