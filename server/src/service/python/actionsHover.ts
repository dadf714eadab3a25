/** Hover in actions.py: ActionsBase methods (when `ays install` runs them) and registerImage arguments. */
import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { ActionsModel } from './actionsModel';
import type { ActionsContext } from './actionsTypes';
import { actionsBaseMethod, INSTALL_ORDER_MD } from './actionsBaseMethods';
import { bindCall, looksLegacy } from './registerBinding';
import { PROFILES, paramDoc, paramLabel } from './registerImageProfiles';
import { actionsClass } from './classRules';

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

function md(value: string, range?: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

export function actionsHover(model: ActionsModel, pos: Position, ctx: ActionsContext): Hover | null {
  const cls = actionsClass(model);
  const m = cls?.methods.find((x) => contains(x.nameRange, pos));
  if (m) {
    const b = actionsBaseMethod(m.name);
    if (!b) return null;
    const step = b.installStep ? `\n\nRuns at step ${b.installStep} of \`ays install\`:\n\n${INSTALL_ORDER_MD}` : '';
    return md(
      `\`\`\`python\ndef ${b.name}(self, ${b.params.join(', ')})\n\`\`\`\n**ActionsBase.${b.name}**: ${b.defaultBehaviour}.\n\nCalled by: ${b.calledBy}.${b.neverCalled ? ' **Never called by `ays install`.**' : ''}${step}`,
      m.nameRange,
    );
  }
  const call = model.registerCalls.find((c) => contains(c.range, pos));
  if (!call) return null;
  const profileId = ctx.settings.profile;
  const profile = PROFILES[profileId];
  if (contains(call.calleeRange, pos)) {
    const params = profile.params
      .map((p) => `- \`${paramLabel(p)}\`: ${p.meaning}${p.field ? ` → image ${p.field}` : ''}`)
      .join('\n');
    return md(
      `\`\`\`python\n${profile.label}\n\`\`\`\n**\`${profileId}\` profile.** ${profile.summary}\n\n${params}`,
      call.calleeRange,
    );
  }
  const i = call.args.findIndex((a) => contains(a.range, pos));
  if (i < 0) return null;
  const legacyCall = profileId === 'current' && looksLegacy(call, ctx.siblingServiceHrd?.lastExportDest);
  const b = bindCall(call, profileId);
  const name = b.paramOfArg[i];
  const p = profile.params.find((x) => x.name === name);
  const arg = call.args[i];
  const value = arg.resolved?.variable
    ? `\n\nValue: \`${arg.resolved.literalText}\` (from \`${arg.resolved.variable} = …\`)`
    : '';
  if (!p) return md(`Not a parameter of \`${profile.label}\`: \`ays install\` fails with a TypeError.`, arg.range);
  const warn = legacyCall
    ? `\n\n**Legacy call under the \`current\` profile:** this argument is received as \`${p.name}\` (the arguments are shifted by the image file name).`
    : '';
  return md(
    `**registerImage \`${paramLabel(p)}\`** (\`${profileId}\` profile)\n\n${paramDoc(p)}${value}${warn}`,
    arg.range,
  );
}
