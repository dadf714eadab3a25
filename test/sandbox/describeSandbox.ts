/** The human summary of a running sandbox (printed by cli.ts and by `npm start` through `sb.describe()`). */
import type { Sandbox } from './index';

export function describeSandbox(sb: Sandbox, files?: { environmentsJson: string; settingsJson: string }): string {
  const admin = sb.portal.users.find((u) => u.groups.includes('admin'))!;
  const client = sb.portal.clients.find((c) => c.groups.includes('admin'))!;
  const others = sb.portal.users
    .filter((u) => u !== admin)
    .map((u) => `${u.username}/${u.password} [${u.groups.join(',') || 'no group'}]`);
  return [
    'AYS sandbox running',
    `  folder           ${sb.dir}`,
    `  working copy     ${sb.workingCopy}   (editor side; origin ${sb.originPath})`,
    `  ovc_git          ssh -A -i ${sb.ssh.clientKeyPath} -p ${sb.ssh.port} -o UserKnownHostsFile=${sb.ssh.knownHostsPath} root@127.0.0.1   (${sb.ssh.kind === 'openssh' ? 'OpenSSH sshd' : 'ssh2 server'})`,
    `  host key         ${sb.ssh.hostKeyFingerprint}`,
    `  repoPath         ${sb.repoPath}   (domain ${sb.domain}; nodes ${sb.nodes.join(', ')})`,
    `  portal           ${sb.portal.url}${sb.portal.httpsUrl ? `   (http: ${sb.portal.httpUrl}; CA file ${sb.portal.caFile})` : ''}`,
    `  portal login     ${admin.username} / ${admin.password}   (others: ${others.join(', ')})`,
    `  portal secret    authkey=${sb.portal.portalSecret}`,
    `  JWT              POST ${sb.portal.tokenUrl}  client_id=${client.clientId} client_secret=${client.clientSecret} grant_type=client_credentials response_type=id_token`,
    `  download mirror  ${sb.mirror.url}/mirror/<scheme>/<host>/<path>`,
    `  portal state     ${sb.statePath}`,
    ...(files ? [`  environments     ${files.environmentsJson}`, `  VS Code settings ${files.settingsJson}`] : []),
  ].join('\n');
}
