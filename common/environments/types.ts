/**
 * The environment definition, one shape for the extension (`aysRecipes.environments`) and the CLI
 * (`--config FILE` or the workspace's .vscode/settings.json). Loading and validation live next to it.
 */
export interface OvcGitTarget {
  /** Host name, IP address, or a `Host` alias of ~/.ssh/config. */
  host: string;
  /** Default 22 (2202 for a dockerised ovc_git). */
  port?: number;
  /** Default root. */
  user?: string;
  identityFile?: string;
  /** Default true: the ovc_git side pulls from origin with the operator's agent. */
  agentForward?: boolean;
}

export interface PortalTarget {
  /** Base URL of the Cloud Broker Portal, e.g. https://env.example.com */
  url: string;
  auth: 'authkey' | 'jwt';
  /** For `authkey`: the portal user (the password lives in SecretStorage / an environment variable). */
  username?: string;
  /** For `jwt`: the client id (the secret lives in SecretStorage / an environment variable). */
  clientId?: string;
  /** For `jwt`: the client-credentials token endpoint (ItsYou.online style). */
  tokenUrl?: string;
  /** PEM file of a private CA that signed the portal's certificate. */
  caFile?: string;
  /** Grid id; stacks of this grid are shown. */
  gid?: number;
}

export interface Environment {
  name: string;
  ovcGit: OvcGitTarget;
  /** The environment repository on ovc_git, e.g. /opt/code/github/gig-projects/<env>. */
  repoPath: string;
  /** AYS domain of the templates; default: the basename of repoPath. */
  domain?: string;
  /** Node names (node.ssh instances), or "discovered" to list `<repoPath>/services/*__node.ssh__*` over SSH. */
  nodes: string[] | 'discovered';
  portal?: PortalTarget;
}
