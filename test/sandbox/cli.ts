/**
 * `npm run sandbox` → `node out/test/sandbox/cli.js [--ssh auto|openssh|ssh2] [--auth authkey|jwt] [--no-https] [--dir DIR] [--keep]`
 * Starts the sandbox, prints ports, host key fingerprint and credentials, writes the environment
 * definition, and stops everything on Ctrl-C / SIGTERM.
 */
import { describeSandbox } from './describeSandbox';
import { startSandbox } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(
      'usage: node out/test/sandbox/cli.js [--ssh auto|openssh|ssh2] [--auth authkey|jwt] [--no-https] [--dir DIR] [--keep]',
    );
    return;
  }
  const ssh = (arg('--ssh') ?? 'auto') as 'auto' | 'openssh' | 'ssh2';
  const sb = await startSandbox({
    ssh,
    dir: arg('--dir'),
    keepDir: process.argv.includes('--keep'),
    https: !process.argv.includes('--no-https'),
    portalAuth: arg('--auth') === 'jwt' ? 'jwt' : 'authkey',
  });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping the sandbox…`);
    await sb.stop();
    console.log('stopped; nothing left running.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  const files = sb.writeEnvironmentFiles();
  console.log(`${describeSandbox(sb, files)}\n(Ctrl-C stops everything)`);
}

main().catch((e) => {
  console.error(`sandbox failed to start: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
