/**
 * `ays-recipes check --format sarif`: the findings as a SARIF 2.1.0 log (one run, every rule of the registry with
 * its docs link and default level, results with relative locations against the SRCROOT base), as GitHub code
 * scanning and GitLab read it. test/unit/cli/sarif.test.ts validates it against the official JSON schema.
 */
import * as path from 'node:path';
import { REPOSITORY_URL, ruleDocsUrl } from '../../../common/ruleDocs';
import { RULES } from '../service/ruleRegistry';
import type { Severity } from '../service/rules/rule';
import type { CheckFinding } from './check';
import { pathToUri } from '../service/uriPath';

const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = 'SRCROOT';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';
export function sarifLevel(s: Severity | string): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : s === 'information' ? 'note' : 'none';
}

/** A file as a SARIF artifact location: relative to `cwd` (uriBaseId SRCROOT) when inside it, else an absolute file URI. */
export function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToUri(file) };
}

export interface SarifOptions {
  cwd: string;
  version: string;
  /** A tool problem to report as a run notification (e.g. actions.py went unchecked). */
  notification?: string;
}

/** The SARIF 2.1.0 log of `findings` (absolute file paths), as an object ready for JSON.stringify. */
export function toSarif(findings: readonly CheckFinding[], o: SarifOptions): object {
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const rules = RULES.map((r) => ({
    id: r.code,
    shortDescription: { text: r.description },
    helpUri: ruleDocsUrl(r.code),
    help: {
      text: `${r.description} ${ruleDocsUrl(r.code)}`,
      markdown: `${r.description}\n\n[docs/rules.md: \`${r.code}\`](${ruleDocsUrl(r.code)})`,
    },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: { tags: [r.scope] },
  }));
  const results = findings.map((f) => {
    const ruleIndex = index.get(f.code);
    return {
      ruleId: f.code,
      ...(ruleIndex === undefined ? {} : { ruleIndex }),
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(f.file, o.cwd),
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
    };
  });
  const base = pathToUri(o.cwd);
  return {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ays-recipes', version: o.version, informationUri: REPOSITORY_URL, rules } },
        invocations: [
          {
            executionSuccessful: true,
            ...(o.notification
              ? { toolExecutionNotifications: [{ level: 'warning', message: { text: o.notification } }] }
              : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: base.endsWith('/') ? base : base + '/' } },
        // LSP positions count UTF-16 code units, as GitHub expects.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
