import * as vscode from 'vscode';
import { PassphraseProvider } from '../../../common/ssh/auth';
import { HostKeyDecider, HostKeyPolicy } from '../../../common/ssh/hostKeyVerifier';
import { TrustStore } from '../../../common/ssh/TrustStore';
import { displayPath } from '../../../common/ssh/auth';
import { setting } from '../settings';

/**
 * Asks about an unknown host key with its SHA256 fingerprint: trust once, always (written to the
 * extension's trust store, never to ~/.ssh/known_hosts), or cancel. A changed key never gets here:
 * the engine refuses it.
 */
export const askHostKey: HostKeyDecider = async (info) => {
  const choice = await vscode.window.showWarningMessage(
    `The authenticity of ${info.host}:${info.port} can't be established.`,
    {
      modal: true,
      detail: `${info.keyType} key fingerprint is ${info.fingerprint}.\n\nCompare it with the fingerprint of ovc_git (ssh-keygen -lf /etc/ssh/ssh_host_${info.keyType.replace(/^ssh-/, '')}_key.pub on that machine) before trusting it.`,
    },
    'Trust Always',
    'Trust Once',
  );
  return choice === 'Trust Always' ? 'always' : choice === 'Trust Once' ? 'once' : 'reject';
};

/** Asks for the passphrase of an encrypted identity file (kept in memory only, by the engine's key cache). */
export const askPassphrase: PassphraseProvider = async (req) =>
  vscode.window.showInputBox({
    title: `Passphrase for ${displayPath(req.keyPath)}`,
    prompt: req.previousError
      ? `${req.previousError} — try again (attempt ${req.attempt})`
      : 'The key is encrypted; the passphrase is kept in memory only.',
    password: true,
    ignoreFocusOut: true,
  });

/** known_hosts files (settings, else the OpenSSH defaults) + the extension's trust store + the prompt. */
export function hostKeyPolicy(trustStorePath: string): HostKeyPolicy {
  const extra = setting('ssh.knownHostsFiles');
  return {
    knownHostsFiles: extra.length ? extra : undefined,
    trustStore: new TrustStore(trustStorePath),
    decide: askHostKey,
  };
}
