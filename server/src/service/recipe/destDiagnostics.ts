/** The `dest` checks of one `web.export.N` of a recipe's service.hrd (recipe-* rules of recipeRuleTable.ts). */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { HrdEntry } from '../hrd/HrdModel';
import type { Fix } from '../rules/rule';
import { IMAGE_EXTENSIONS, posixBasename, splitext, TEMPLATE_DIR } from './recipeFiles';
import { makeDiagnostic } from './recipeRuleTable';

export function destDiagnostics(
  dest: HrdEntry,
  source: HrdEntry | undefined,
  r: (s: { start: number; end: number }) => Range,
): Diagnostic[] {
  const d = dest.ownValue;
  const range = r(dest.ownSpan);
  if (!d.startsWith('/')) {
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        `\`dest\` must be an absolute path: AYS downloads to it from the install's working directory and registerImage reads the last dest. Write '${TEMPLATE_DIR}${posixBasename(d) || 'name.qcow2'}'.`,
      ),
    ];
  }
  const base = posixBasename(d);
  const [stem, ext] = splitext(base);
  const srcExt = source ? splitext(posixBasename(source.ownValue))[1] : '';
  const addExt = IMAGE_EXTENSIONS.includes(srcExt) ? srcExt : '.qcow2';
  // (built only for the findings that offer it: most dests have none)
  const extFix = (): Fix => ({
    title: `Add the extension: ${base}${addExt}`,
    preferred: true,
    edits: [{ range, newText: `'${d}${addExt}'` }],
  });
  if (ext === '') {
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        `\`dest\` has no extension: registerImage names the OVS template splitext(basename(dest)) = \`${stem}\`, so any dot added later truncates that name, and every recipe ends dest with .qcow2, .img or .raw. Add the extension: '${d}${addExt}'.`,
        { severity: 'warning', fixes: dest.merged ? undefined : [extFix()] },
      ),
    ];
  }
  if (!IMAGE_EXTENSIONS.includes(ext)) {
    const looksVersion = /^\.[0-9][0-9_-]*\w*$/.test(ext) || /^\.\d/.test(ext);
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        looksVersion
          ? `\`${base}\` has a dot in the name and no image extension: registerImage takes \`${ext}\` as the extension and names the OVS template \`${stem}\`. Add the extension: '${d}${addExt}'.`
          : `\`${ext}\` is not a usual image extension (.qcow2, .img, .raw): registerImage names the template \`${stem}\`; qemu-img still detects the format. Use .qcow2 unless the file really is ${ext}.`,
        { severity: 'warning', fixes: looksVersion && !dest.merged ? [extFix()] : undefined },
      ),
    ];
  }
  const inner = splitext(stem)[1];
  if (inner && IMAGE_EXTENSIONS.includes(inner)) {
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        `\`${base}\` has a double extension: registerImage names the OVS template \`${stem}\`. Write '${d.slice(0, d.length - ext.length)}'.`,
        {
          severity: 'warning',
          fixes: dest.merged
            ? undefined
            : [
                {
                  title: 'Remove the doubled extension',
                  edits: [{ range, newText: `'${d.slice(0, d.length - ext.length)}'` }],
                },
              ],
        },
      ),
    ];
  }
  if (source && posixBasename(source.ownValue) !== base) {
    return [
      makeDiagnostic(
        'recipe-dest',
        range,
        `\`dest\` (${base}) and \`source\` (${posixBasename(source.ownValue)}) have different file names: the OVS template is named \`${stem}\`. Common and legitimate; check it is the image you mean.`,
        { severity: 'hint' },
      ),
    ];
  }
  return [];
}
