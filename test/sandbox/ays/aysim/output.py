"""Failure shapes of JumpScale 7 / Fabric 1.x (domain.md §3.5). Every helper exits the process."""
import sys
import traceback


def _py2_name(name):
    return 'IOError' if name in ('OSError', 'FileNotFoundError', 'PermissionError') else name


def eco_exit(exc):
    """The JumpScale excepthook for an uncaught exception: the backtrace, then the error-condition block, exit 1."""
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    text = ''.join(lines).rstrip('\n').split('\n')
    last = text[-1]
    name = type(exc).__name__
    if last.startswith(name + ':') or last == name:
        last = _py2_name(name) + last[len(name):]
        text[-1] = last
    sys.stdout.flush()
    out = sys.stderr
    out.write('\n'.join(text) + '\n\n')
    out.write('***ERROR***\n\n')
    out.write('type/level: UNKNOWN/1\n')
    out.write(last + '\n')
    out.flush()
    sys.exit(1)


def runtime_error_exit(message):
    """A RuntimeError raised by AYS code (template / service lookup) as the excepthook prints it."""
    try:
        raise RuntimeError(message)
    except RuntimeError as e:
        eco_exit(e)


def opserror_critical_exit(message, category='ays.install'):
    sys.stdout.flush()
    sys.stderr.write('\n#########   Operational Critical Error    #################\n')
    sys.stderr.write('%s\n' % message)
    sys.stderr.write('category:%s\n' % category)
    sys.stderr.write('###########################################################\n\n')
    sys.stderr.flush()
    sys.exit(1)


def fabric_abort(message):
    """fabric.utils.abort: red text on stderr in a real terminal, exit 1."""
    sys.stdout.flush()
    sys.stderr.write('\nFatal error: %s\n\nAborting.\n' % message)
    sys.stderr.flush()
    sys.exit(1)
