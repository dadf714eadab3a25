"""`ays` argument parsing (argparse, like shellcmds/ays: usage errors exit 2) and dispatch."""
import argparse
import os
import sys

ACTIONS = ['install', 'list', 'stop', 'start', 'restart', 'build', 'prepare', 'mdupdate', 'update', 'reset',
           'resetstate', 'removedata', 'monitor', 'configure', 'cleanup', 'export', 'import', 'uninstall', 'push',
           'execute', 'status', 'nodes', 'consume', 'console', 'hrdpath', 'makelocal']


def parser():
    p = argparse.ArgumentParser(prog='ays', description='AYS (JumpScale 7), sandbox simulation')
    p.add_argument('action', choices=ACTIONS, help='command to execute')
    p.add_argument('-n', '--name', default='', help='name of service')
    p.add_argument('-d', '--domain', default='', help='domain of service')
    p.add_argument('-i', '--instance', default=None, help='instance of service')
    p.add_argument('-r', '--reinstall', action='store_true', help='reinstall the service')
    p.add_argument('-tt', '--targettype', default='', help='target type, e.g. node.ssh')
    p.add_argument('-tn', '--targetname', default='', help='target name (instance of the target service)')
    p.add_argument('--parent', default='', help='parent as domain__name__instance')
    p.add_argument('--data', default='', help="instance args 'k1:v1 k2:v2'")
    p.add_argument('-s', '--single', action='store_true')
    p.add_argument('--nodeps', action='store_true')
    p.add_argument('--no-start', dest='nostart', action='store_true')
    p.add_argument('-hr', '--hrdreset', action='store_true')
    p.add_argument('-hs', '--hrdseed', default='')
    p.add_argument('-o', '--offline', action='store_true')
    p.add_argument('--noremote', action='store_true')
    p.add_argument('--local', action='store_true')
    p.add_argument('--immediate', action='store_true')
    p.add_argument('-q', '--quiet', action='store_true')
    p.add_argument('-f', '--force', action='store_true')
    p.add_argument('--verbose', action='store_true')
    p.add_argument('--tolocal', default='')
    p.add_argument('--installed', action='store_true')
    p.add_argument('--category', default='')
    p.add_argument('--producer', default='')
    p.add_argument('--cmd', default='')
    p.add_argument('--url', default='')
    return p


def parse_data(data):
    """`--data 'k1:v1 k2:v2'` (tags syntax) or `'k1=v1#k2=v2'`."""
    out = {}
    if not data:
        return out
    if '#' in data:
        for part in data.split('#'):
            if '=' in part:
                k, v = part.split('=', 1)
                out[k.strip()] = v.strip()
        return out
    import shlex
    for part in shlex.split(data):
        if ':' in part:
            k, v = part.split(':', 1)
            out[k.strip()] = v.strip()
    return out


def main(argv):
    args = parser().parse_args(argv)
    node = os.environ.get('AYS_SANDBOX_NODE')
    try:
        if node:
            from . import node as nodeside
            if args.action == 'hrdpath':
                print('/opt/jumpscale7/hrd/apps')
                return
            if args.action == 'install':
                nodeside.install(node, args)
                return
        else:
            from . import install
            if args.action == 'install':
                install.install(args)
                return
            if args.action == 'hrdpath':
                repo = install.find_config_repo(os.getcwd())
                print(os.path.join(repo, 'services') if repo else '/opt/jumpscale7/hrd/apps')
                return
            if args.action == 'list':
                install.list_templates(args)
                return
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except BaseException as e:  # the JumpScale excepthook
        from .output import eco_exit
        eco_exit(e)
    sys.stderr.write('ays %s: not simulated by the AYS sandbox (only install, list, hrdpath)\n' % args.action)
    sys.exit(1)
