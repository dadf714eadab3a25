/**
 * The JSON schema of one environment: the single source of the manifest's `aysRecipes.environments`
 * items (package.json; test/unit/environments/schema.test.ts checks the copy is equal) and of the
 * runtime validation (ajv, validateEnvironments), for the extension and the CLI's --config FILE alike.
 * `patternErrorMessage` / `errorMessage` are VS Code's schema keywords: the settings editor shows them,
 * and validateEnvironments reports them. Every value that reaches the remote shell is constrained
 * here (common/names.ts quotes on top).
 */

/** Names: `[A-Za-z0-9._-]+`, not `.` or `..`, not starting with `-` (common/names.ts). */
const NAME_PATTERN = '^(?!-)(?!\\.\\.?$)[A-Za-z0-9._-]+$';

export const ENVIRONMENT_SCHEMA = {
  type: 'object',
  required: ['name', 'ovcGit', 'repoPath'],
  additionalProperties: false,
  properties: {
    name: {
      type: 'string',
      pattern: NAME_PATTERN,
      patternErrorMessage: "only letters, digits, '.', '_' and '-' (not starting with '-')",
      description: 'Environment name (letters, digits, . _ -).',
    },
    ovcGit: {
      type: 'object',
      required: ['host'],
      additionalProperties: false,
      properties: {
        host: {
          type: 'string',
          pattern: '^(?!-)[A-Za-z0-9._:%-]+$',
          patternErrorMessage:
            "a host name, address or ~/.ssh/config alias: letters, digits, '.', '_', ':', '%' and '-' (not starting with '-')",
          description: 'ovc_git host name, address, or a Host alias of ~/.ssh/config.',
        },
        port: {
          type: 'integer',
          minimum: 1,
          maximum: 65535,
          default: 22,
          errorMessage: 'must be an integer 1-65535',
          description: 'SSH port (2202 for a dockerised ovc_git).',
        },
        user: {
          type: 'string',
          pattern: '^[A-Za-z0-9._][A-Za-z0-9._-]*$',
          patternErrorMessage: "letters, digits, '.', '_' and '-' (not starting with '-')",
          default: 'root',
        },
        identityFile: {
          type: 'string',
          minLength: 1,
          description: 'Private key file (e.g. <env-repo>/keys/git_root).',
        },
        agentForward: {
          type: 'boolean',
          default: true,
          description: 'Forward the SSH agent so ovc_git can pull from origin.',
        },
      },
    },
    repoPath: {
      type: 'string',
      pattern: '^(?!/+$)(?!.*/\\.\\.?(/|$))/[A-Za-z0-9._/-]*$',
      patternErrorMessage:
        "an absolute path other than /, of letters, digits, '.', '_', '-' and '/', without '.' or '..' segments",
      description: 'The environment repository on ovc_git, e.g. /opt/code/github/gig-projects/<env>.',
    },
    domain: {
      type: 'string',
      pattern: NAME_PATTERN,
      patternErrorMessage: "only letters, digits, '.', '_' and '-' (not starting with '-')",
      description: 'AYS domain of the templates (default: the basename of repoPath).',
    },
    nodes: {
      oneOf: [
        {
          type: 'array',
          items: {
            type: 'string',
            pattern: NAME_PATTERN,
            patternErrorMessage: "a node name: only letters, digits, '.', '_' and '-' (not starting with '-')",
          },
        },
        { const: 'discovered' },
      ],
      errorMessage: 'must be an array of node names or "discovered"',
      description: 'node.ssh names, or "discovered" to list <repoPath>/services/*__node.ssh__* over SSH.',
    },
    portal: {
      type: 'object',
      required: ['url', 'auth'],
      additionalProperties: false,
      properties: {
        url: {
          type: 'string',
          pattern: '^https?://\\S+$',
          patternErrorMessage: 'an http(s) URL',
          description: 'Cloud Broker Portal base URL.',
        },
        auth: {
          enum: ['authkey', 'jwt'],
          description: 'authkey: username + password session; jwt: client-credentials token.',
        },
        username: { type: 'string' },
        clientId: { type: 'string' },
        tokenUrl: { type: 'string' },
        caFile: {
          type: 'string',
          description: 'PEM file of a private CA for the portal certificate.',
        },
        gid: {
          type: 'number',
          description: 'Grid id whose stacks are shown.',
        },
      },
    },
  },
} as const;
