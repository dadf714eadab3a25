/** Signature help for `registerImage(` under the active profile, with each parameter's meaning. */
import { MarkupKind, type ParameterInformation, type SignatureHelp } from 'vscode-languageserver-types';
import type { RegisterImageProfile } from '../../../../common/settings';
import { registerCallAt } from './callContext';
import { PROFILES, paramDoc, paramLabel } from './registerImageProfiles';

export function registerSignatureHelp(
  text: string,
  offset: number,
  profileId: RegisterImageProfile,
): SignatureHelp | null {
  const c = registerCallAt(text, offset);
  if (!c) return null;
  const profile = PROFILES[profileId];
  const parameters: ParameterInformation[] = [];
  let cursor = profile.label.indexOf('(') + 1;
  for (const p of profile.params) {
    const label = paramLabel(p);
    const at = profile.label.indexOf(label, cursor);
    parameters.push({
      label: [at, at + label.length],
      documentation: { kind: MarkupKind.Markdown, value: paramDoc(p) },
    });
    cursor = at + label.length;
  }
  const active = c.keyword ? profile.params.findIndex((p) => p.name === c.keyword) : c.positionalBefore;
  return {
    signatures: [
      {
        label: profile.label,
        documentation: { kind: MarkupKind.Markdown, value: `**\`${profile.id}\` profile.** ${profile.summary}` },
        parameters,
      },
    ],
    activeSignature: 0,
    activeParameter: active < 0 ? profile.params.length : active,
  };
}
