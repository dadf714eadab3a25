/** Signature help exists for actions.py only (registerImage of the active profile); none in .hrd files. */
import type { Position, SignatureHelp } from 'vscode-languageserver-types';
import type { KindTable } from '../fileKind';
import { actionsContextFor, tooLarge, type FeatureRequest } from './context';

type SignatureAt = (r: FeatureRequest, position: Position) => SignatureHelp | null;

const byKind: KindTable<SignatureAt> = {
  actions(r, position) {
    const ctx = actionsContextFor(r);
    return ctx ? r.state.actions.signatureHelp(r.doc, position, ctx) : null;
  },
};

export function signatureHelp(r: FeatureRequest, position: Position): SignatureHelp | null {
  if (tooLarge(r)) return null;
  return byKind[r.kind]?.(r, position) ?? null;
}
