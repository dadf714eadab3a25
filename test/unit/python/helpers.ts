/** Shared helpers for the actions.py analysis tests. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type RecipeSettings, type RegisterImageProfile } from '../../../common/settings';
import type { ActionsContext } from '../../../server/src/service/python/actionsTypes';

export const PROFILES: RegisterImageProfile[] = ['current', 'legacy'];
export const DEST = '/opt/jumpscale7/var/tmp/templates/ubuntu-22.04.qcow2';
export const DEST_URI = 'file:///ws/servicetemplates/image_ubuntu-2204/service.hrd';
export const DEST_RANGE = { start: { line: 4, character: 10 }, end: { line: 4, character: 60 } };

export function ctxFor(
  profile: RegisterImageProfile,
  extra: Partial<ActionsContext> = {},
  rules: RecipeSettings['rules'] = {},
): ActionsContext {
  return {
    settings: { ...DEFAULT_SETTINGS, profile, rules },
    folderName: 'image_ubuntu-2204',
    siblingServiceHrd: { lastExportDest: DEST, destRange: { uri: DEST_URI, range: DEST_RANGE } },
    ...extra,
  };
}

export type Flavor = 2 | 3;

/** Python 2 or Python 3 flavoured statements (valid in 2.7: the py3 header imports print_function) that must not change the result. */
export function flavorLines(py: Flavor, indent: string): string {
  return py === 2
    ? `${indent}print 'registering', name\n${indent}try:\n${indent}    pass\n${indent}except Exception, e:\n${indent}    print >>sys.stderr, \`e\`\n`
    : `${indent}print('registering', name)\n${indent}try:\n${indent}    pass\n${indent}except Exception as e:\n${indent}    print(repr(e), file=sys.stderr)\n`;
}

/** The registerImage call of the profile with the given type/size/... arguments. */
export function reg(profile: RegisterImageProfile, rest: string): string {
  return profile === 'current'
    ? `registerImage(serviceObj, name, ${rest})`
    : `registerImage(serviceObj, name, imagename, ${rest})`;
}

export interface RecipeParts {
  header?: string;
  base?: string;
  classLine?: string;
  /** Methods, each indented by 4; `CONFIGURE` is replaced by the default configure method. */
  methods?: string;
  /** Body of configure after the name/imagename assignments (8-space indented lines). */
  configure?: string;
}

export function recipe(py: Flavor, profile: RegisterImageProfile, parts: RecipeParts = {}): string {
  const header =
    parts.header ??
    (py === 3 ? 'from __future__ import print_function\n' : '') + 'from JumpScale import j\nimport sys\n\n';
  const base = parts.base ?? 'ActionsBase = j.atyourservice.getActionsBaseClass()\n\n\n';
  const classLine = parts.classLine ?? 'class Actions(ActionsBase):\n';
  const call = parts.configure ?? `        ${reg(profile, "'Linux', 10")}\n`;
  const configure =
    '    def configure(self, serviceObj):\n' +
    '        from CloudscalerLibcloud.imageutil import registerImage\n' +
    "        name = 'Ubuntu 22.04 x64'\n" +
    "        imagename = 'ubuntu-22.04.qcow2'\n" +
    flavorLines(py, '        ') +
    call;
  const methods = (parts.methods ?? 'CONFIGURE').replace('CONFIGURE', configure);
  return header + base + classLine + '\n' + methods;
}

export function codes(ds: Diagnostic[]): string[] {
  return ds.map((d) => String(d.code)).sort();
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x/actions.py', 'python', 1, text), edits);
}

export function doc(
  text: string,
  uri = 'file:///ws/servicetemplates/image_ubuntu-2204/actions.py',
  version = 1,
): TextDocument {
  return TextDocument.create(uri, 'python', version, text);
}
