"""imageutil.registerImage (openvcloud 2018-07 signature, domain.md §4.2), writing the portal state."""
import os
import time

from JumpScale import j, _local
from aysim.sandbox import config, update_state
from CloudscalerLibcloud import openvstorage


def registerImage(service, name, type, disksize, username=None, bootType='bios', delete=True, hotResize=True):
    srcpath = None
    url = None
    for key in service.hrd.prefix('service.web.export'):
        export = service.hrd.getDict(key)
        srcpath = export['dest']
        url = '%s%s' % (export.get('url', ''), export.get('source', ''))
    if not srcpath:
        raise RuntimeError('No image export defined in service')
    guid, ovsurl = openvstorage.copyImage(srcpath)
    gid = j.application.whoAmI.gid
    with_url = config().get('imageUrlField', True)

    def fn(state):
        for image in state['images']:
            if image.get('referenceId') == guid:
                return None  # an existing image is not updated: neither its name nor its availability
        image_id = state.get('nextImageId') or (max([i['id'] for i in state['images']] or [0]) + 1)
        state['nextImageId'] = image_id + 1
        image = {
            'UNCPath': ovsurl, '_ckey': '', '_meta': ['osismodel', 'cloudbroker', 'image', 1], 'accountId': 0,
            'acl': {}, 'bootType': bootType, 'deletionTime': 0, 'description': '', 'gid': gid, 'guid': image_id,
            'hotResize': hotResize, 'id': image_id, 'name': name, 'password': '', 'provider_name': 'libvirt',
            'referenceId': guid, 'size': disksize, 'status': 'CREATED', 'type': type, 'username': username,
        }
        if with_url:
            image['url'] = url
            image['lastModified'] = int(time.time())
        state['images'].append(image)
        for stack in state['stacks']:  # stack.updateSearch({'gid': gid}, {'$addToSet': {'images': id}})
            if stack.get('gid') == gid and image_id not in stack['images']:
                stack['images'].append(image_id)
        return image_id
    update_state(fn)
    if delete:
        path = _local(srcpath)
        if os.path.exists(path):
            os.remove(path)
