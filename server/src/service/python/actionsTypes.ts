/** Inputs and intermediate results of the actions.py analysis (no LSP connection, no vscode). */
import type { Range } from 'vscode-languageserver-types';
import type { ActionsModel } from './actionsModel';
import type { RecipeSettings } from '../../../../common/settings';

/** What the analysis needs from the sibling `service.hrd` (the caller parses it). */
export interface SiblingServiceHrd {
  /** `dest` of the last `web.export.N` (the file registerImage converts). */
  lastExportDest?: string;
  /** Where that `dest` value is written, for go-to-definition and related information. */
  destRange?: { uri: string; range: Range };
}

/** A display name registered by another recipe of the workspace. */
export interface DisplayNameUse {
  name: string;
  uri: string;
  range: Range;
}

export interface ActionsContext {
  settings: RecipeSettings;
  /** Basename of the template folder (`image_ubuntu-2204`): `image_*` folders must register an image. */
  folderName: string;
  siblingServiceHrd?: SiblingServiceHrd;
  /** Display names registered by the *other* recipes (not this file). */
  otherDisplayNames?: DisplayNameUse[];
}

/** What the actions.py rule families check: the model of the file, its text, the context, the scaffold body. */
export interface ActionsRuleContext {
  model: ActionsModel;
  text: string;
  ctx: ActionsContext;
  /** The body of a `configure` method for the profile (the quick fixes that add one). */
  configureBody: string[];
}
