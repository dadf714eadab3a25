/**
 * `ays-recipes deploy IMAGE --env NAME --node NODE [--available-on n1,n2 | --available-everywhere]
 * [--commit-message MSG] [--format json]`: the whole procedure (common/install/deploy.ts). Deploy never
 * prompts (its choices are its options), so `--yes` is accepted silently for the scripts written with it
 * (issue 12's synopsis had it) and is not in the help.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import {
  findEnvironment,
  loadEnvironmentsFile,
  loadWorkspaceEnvironments,
} from '../../../common/environments/loadEnvironments';
import { DeployResult, runDeploy } from '../../../common/install/deploy';
import { validateName } from '../../../common/names';
import { findRecipeFolder } from '../../../common/install/recipeFolder';
import { isHostKeyError } from '../../../common/ssh/errors';
import { parseStrictArgs } from './cliArgs';
import { CliCommand, CliIo, EXIT } from './CliIo';
import { cliDecisions } from './install';
import { eventPrinter, openRemote, sessionJson, validateRecipeTexts } from './sessionIo';

const USAGE = `Usage: ays-recipes deploy IMAGE --env NAME --node NODE [--available-on n1,n2 | --available-everywhere]
                          [--commit-message MSG] [--format json] [--recipe DIR] [--config FILE]
                          [--known-hosts FILE] [--trust SHA256:...] [--allow-errors] [--timeout SECONDS] [--wait SECONDS]

The whole procedure of publishing an image:
  1 validate the recipe (the content that will be installed)   2 commit and push its folder (--commit-message)
  3 install it on NODE from ovc_git                             4 wait until the portal shows the registered image
  5 make it available on exactly the given nodes (the complete list is sent)   6 print a summary

  --available-on n1,n2     node (stack) names; default: NODE only
  --available-everywhere   every node of the environment's grid
  --commit-message MSG     commit the recipe folder (only it) and push first; refused when the branch is behind
                           or has diverged. Without it, uncommitted or unpushed changes stop the deploy.
  --wait SECONDS           bound of step 4 (default 60)
  --format json            the summary as JSON on stdout (remote output on stderr)

Deploy never prompts: its options are the answers (the confirmation of the extension is the command line).
A failed step stops the deploy; the message names the step and what it leaves. "Nothing registered" is a
failure of step 4: the template name already exists; fix: New Version of This Recipe.
Exit codes: 0 deployed, 1 a step failed, 2 bad usage, 3 SSH host key refused.
`;

export function deployText(r: DeployResult): string {
  const lines = [r.ok ? `Deployed: ${r.message}` : `Deploy stopped: ${r.message}`];
  if (r.state) lines.push(`State: ${r.state}`);
  if (r.image) lines.push(`Image: ${r.image.id} "${r.image.name}"`);
  for (const s of r.steps)
    lines.push(
      `  ${s.step.padEnd(12)} ${s.skipped ? 'skipped' : `${s.ok ? 'ok    ' : 'FAILED'} ${(s.ms / 1000).toFixed(2)} s`}`,
    );
  lines.push(`  total        ${(r.totalMs / 1000).toFixed(2)} s`);
  return lines.join('\n') + '\n';
}

export const deployCommand: CliCommand = {
  name: 'deploy',
  summary: 'validate, commit and push, install on a node, wait for the registration, set the availability',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const p = parseStrictArgs(args, {
      env: { type: 'string' },
      node: { type: 'string' },
      'available-on': { type: 'string' },
      'available-everywhere': { type: 'boolean' },
      'commit-message': { type: 'string' },
      yes: { type: 'boolean' } /* accepted, no effect: deploy never prompts */,
      format: { type: 'string' },
      recipe: { type: 'string' },
      config: { type: 'string' },
      'known-hosts': { type: 'string', multiple: true },
      trust: { type: 'string', multiple: true },
      'allow-errors': { type: 'boolean' },
      timeout: { type: 'string' },
      wait: { type: 'string' },
    });
    if (typeof p === 'string') {
      io.err.write(`ays-recipes deploy: ${p}\n${USAGE}`);
      return EXIT.usage;
    }
    const v = p.values;
    const fail = (m: string) => {
      io.err.write(`ays-recipes deploy: ${m}\n`);
      return EXIT.usage;
    };
    if (p.positionals.length !== 1) return fail('one IMAGE expected');
    const image = p.positionals[0];
    if (!v.env) return fail('--env NAME is required');
    if (!v.node) return fail('--node NODE is required');
    if (v.format && v.format !== 'text' && v.format !== 'json')
      return fail(`--format must be text or json, got '${v.format}'`);
    if (v['available-on'] !== undefined && v['available-everywhere'])
      return fail('give --available-on or --available-everywhere, not both');
    for (const t of v.trust ?? [])
      if (!/^SHA256:[A-Za-z0-9+/]{43}$/.test(t)) return fail(`--trust expects a SHA256:… fingerprint, got '${t}'`);
    for (const n of ['timeout', 'wait'] as const)
      if (v[n] !== undefined && !(Number(v[n]) > 0)) return fail(`--${n} must be a positive number of seconds`);
    const availableOn = v['available-everywhere']
      ? ('everywhere' as const)
      : v['available-on'] !== undefined
        ? [
            ...new Set(
              v['available-on']
                .split(',')
                .map((x) => x.trim())
                .filter(Boolean),
            ),
          ]
        : [v.node];
    const bad = [
      validateName('image', image),
      validateName('node', v.node),
      ...(Array.isArray(availableOn) ? availableOn.map((n) => validateName('node', n)) : []),
    ].find((e) => !!e);
    if (bad) return fail(bad.message);
    if (Array.isArray(availableOn) && !availableOn.length)
      return fail('--available-on needs at least one node (an empty list removes the image everywhere)');
    const config = v.config ? (isAbsolute(v.config) ? v.config : resolve(io.cwd, v.config)) : undefined;
    const loaded = config ? loadEnvironmentsFile(config) : loadWorkspaceEnvironments(io.cwd);
    const env = findEnvironment(loaded, v.env);
    if ('code' in env) return fail(env.message);
    if (!env.portal)
      return fail(`environment '${env.name}' has no "portal" settings: deploy needs the portal (steps 4 and 5)`);
    const folder = v.recipe ? resolve(io.cwd, v.recipe) : findRecipeFolder(image, io.cwd);
    if (!folder || !existsSync(join(folder, 'service.hrd')))
      return fail(
        `no recipe folder ${v.recipe ?? `named ${image} under servicetemplates/`} in the working copy (give --recipe DIR)`,
      );

    const remote = await openRemote(env, io, {
      knownHosts: (v['known-hosts'] ?? []).map((k) => resolve(io.cwd, k)),
      trust: v.trust ?? [],
      config,
    });
    if ('code' in remote) return fail(remote.message);
    if (!remote.portal) {
      await remote.close();
      io.err.write(`ays-recipes deploy: ${remote.portalError}\n`);
      return EXIT.failed;
    }
    const json = v.format === 'json';
    try {
      const r = await runDeploy(
        {
          folder,
          env,
          node: v.node,
          availableOn,
          signal: remote.signal,
          timeoutMs: v.timeout ? Number(v.timeout) * 1000 : undefined,
          registrationTimeoutMs: v.wait ? Number(v.wait) * 1000 : undefined,
        },
        {
          exec: remote.exec,
          portal: remote.portal,
          validate: (files) => validateRecipeTexts(files),
          onEvent: eventPrinter(io, json),
          decisions: cliDecisions(io, {
            allowErrors: !!v['allow-errors'],
            allowUnpushed: false,
            commitMessage: v['commit-message'],
            prefix: 'ays-recipes deploy',
          }),
          onStep: (s) => {
            io.err.write(`== ${s}\n`);
          },
        },
      );
      if (json) {
        const { session, ...rest } = r;
        io.out.write(
          JSON.stringify(
            {
              ...rest,
              environment: env.name,
              node: v.node,
              recipe: folder,
              install: session ? sessionJson(session) : null,
            },
            null,
            2,
          ) + '\n',
        );
      } else io.out.write(deployText(r));
      const sshError = r.session?.summary?.sshError;
      if (sshError && isHostKeyError(sshError)) return EXIT.hostKey;
      return r.ok ? EXIT.ok : EXIT.failed;
    } finally {
      await remote.close();
    }
  },
};
