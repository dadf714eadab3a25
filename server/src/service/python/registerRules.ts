/** Rules on `registerImage` calls: -no-register, -register-args, -register-legacy, -type, -disk-size, -boot-type, -imagename, -display-name. */
import type { Diagnostic, DiagnosticRelatedInformation, TextEdit } from 'vscode-languageserver-types';
import type { ActionsModel, CallArg, RegisterCall } from './actionsModel';
import type { ActionsContext, ActionsRuleContext } from './actionsTypes';
import { ACTIONS_RULES, finding } from './actionsRules';
import type { RuleFamily } from '../rules/rule';
import { basename, bindCall, looksLegacy, type Binding } from './registerBinding';
import { BOOT_TYPES, IMAGE_TYPES, PROFILES } from './registerImageProfiles';
import { actionsClass, configureScaffold, SHAPE_CODES, treeIntact } from './classRules';
import { showLiteral } from './pyValues';
import { pushAll } from '../arrays';

/** Replaces the value inside a string literal, keeping its prefix and quotes. */
function replaceStringValue(arg: CallArg, value: string): TextEdit[] {
  const r = arg.resolved!;
  const m = /^([a-zA-Z]*)('''|"""|'|")([\s\S]*)\2$/.exec(r.literalText);
  const newText = m ? `${m[1]}${m[2]}${value}${m[2]}` : `'${value}'`;
  return [{ range: r.literalRange, newText }];
}

function str(arg: CallArg | undefined): string | undefined {
  const v = arg?.resolved?.literal;
  return v?.kind === 'string' ? v.value : undefined;
}

function shown(arg: CallArg): string {
  return arg.resolved ? showLiteral(arg.resolved.literal) : arg.text;
}

export function registerFindings(model: ActionsModel, ctx: ActionsContext, configureBody: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cls = actionsClass(model);
  if (
    cls &&
    treeIntact(model) &&
    /^image_/i.test(ctx.folderName) &&
    !model.registerCalls.some((c) => c.className === 'Actions')
  ) {
    const conf = cls.methods.find((m) => m.name === 'configure');
    if (conf) {
      out.push(
        finding(
          'actions-no-register',
          'warning',
          conf.nameRange,
          '`configure` of this image recipe never calls `registerImage`, so `ays install` downloads the image and registers nothing in OpenvCloud. Call `registerImage(serviceObj, name, type, disksize)` from `CloudscalerLibcloud.imageutil`.',
        ),
      );
    } else {
      const last = cls.range.end;
      const at = { line: last.line + 1, character: 0 };
      out.push(
        finding(
          'actions-no-register',
          'warning',
          cls.nameRange,
          'This image recipe has no `configure` method, so `ays install` downloads the image and registers nothing in OpenvCloud. Add `def configure(self, serviceObj):` calling `registerImage`.',
          [
            {
              title: 'Add the configure method',
              edits: [
                { range: { start: at, end: at }, newText: '\n' + configureScaffold(cls.bodyIndent, configureBody) },
              ],
            },
          ],
        ),
      );
    }
  }
  for (const call of model.registerCalls) pushAll(out, callFindings(call, ctx));
  return out;
}

function callFindings(call: RegisterCall, ctx: ActionsContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const profile = ctx.settings.profile;
  const dest = ctx.siblingServiceHrd?.lastExportDest;
  const pos = call.args.filter((a) => !a.keyword && !a.splat);
  if (profile === 'current' && looksLegacy(call, dest)) {
    const fields = ['service', 'name', 'type', 'size', 'username', 'bootType', 'delete', 'hotResize'];
    const shift = pos
      .slice(2)
      .map((a, i) => `${fields[i + 2] ?? '?'}=${shown(a)}`)
      .join(', ');
    const fixed = call.args
      .filter((a) => a !== pos[2])
      .map((a) => (a.keyword ? `${a.keyword}=${a.text}` : a.text))
      .join(', ');
    out.push(
      finding(
        'actions-register-legacy',
        'error',
        { start: pos[2].range.start, end: pos[pos.length - 1].range.end },
        `Legacy 5-argument registerImage call under the \`current\` profile: the current registerImage(service, name, type, disksize, username, …) takes no image file name, so every argument shifts and the call does not fail: the image gets ${shift}. Drop the image file argument: registerImage(${fixed}) (the image file is the \`dest\` of the last web.export).`,
        [
          {
            title: 'Rewrite to the current registerImage form (drop the image file argument)',
            edits: [{ range: { start: pos[2].range.start, end: pos[3].range.start }, newText: '' }],
          },
        ],
      ),
    );
    return [...out, ...valueFindings(bindCall(call, 'legacy'), ctx, false)];
  }
  const b = bindCall(call, profile);
  if (b.typeError) {
    let hint = `Expected ${PROFILES[profile].label}.`;
    if (
      profile === 'legacy' &&
      (pos.length === 4 ||
        pos[3]?.resolved?.literal.kind === 'int' ||
        call.args.some((a) => a.keyword === 'bootType' || a.keyword === 'hotResize' || a.keyword === 'delete'))
    ) {
      hint =
        'This is the current (2016-06+) form: under the legacy profile pass the image file name as 3rd argument, or set the profile to `current` if the environment runs OpenvCloud ≥ 2016-06.';
    }
    out.push(
      finding(
        'actions-register-args',
        'error',
        call.argsRange,
        `This call does not fit the \`${profile}\` registerImage signature: \`ays install\` fails with TypeError: ${b.typeError}. ${hint}`,
      ),
    );
    return out;
  } else if (profile === 'legacy' && pos.length >= 4 && pos[3].resolved?.literal.kind === 'int') {
    out.push(
      finding(
        'actions-register-args',
        'error',
        pos[3].range,
        `Under the legacy profile the 4th argument is \`type\`; this looks like the current (2016-06+) form, so type=${shown(pos[3])} and disksize=${pos[4] ? shown(pos[4]) : '?'} are stored. Expected ${PROFILES.legacy.label}.`,
      ),
    );
    return out;
  }
  return [...out, ...valueFindings(b, ctx, profile === 'legacy')];
}

function valueFindings(b: Binding, ctx: ActionsContext, checkImagename: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const typeArg = b.byParam.get('type');
  const type = str(typeArg);
  if (typeArg?.resolved) {
    if (type === undefined) {
      out.push(
        finding(
          'actions-type',
          'warning',
          typeArg.valueRange,
          `\`type\` is ${shown(typeArg)}, not a string: it is stored as the image \`type\` and nothing recognises it. Write 'Linux', 'Windows' or 'Other'.`,
        ),
      );
    } else if (type.toLowerCase() === 'windows' && type !== 'Windows' && type !== 'WINDOWS') {
      out.push(
        finding(
          'actions-type',
          'warning',
          typeArg.valueRange,
          `\`type\` '${type}' gets no Windows handling: OpenvCloud treats only 'Windows'/'WINDOWS' as Windows, so VMs of this image get Linux cloud-init metadata (user cloudscalers). Write 'Windows'.`,
          [{ title: "Change to 'Windows'", edits: replaceStringValue(typeArg, 'Windows') }],
        ),
      );
    } else if (!IMAGE_TYPES.includes(type) && type !== 'WINDOWS') {
      const known = IMAGE_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
      out.push(
        finding(
          'actions-type',
          'information',
          typeArg.valueRange,
          `Image type '${type}' is stored as is in the image \`type\` field; the Cloud Broker Portal documents 'Linux', 'Windows' and 'Other', and only 'Windows' gets Windows handling.${known ? ` Did you mean '${known}'?` : ''}`,
          known ? [{ title: `Change to '${known}'`, edits: replaceStringValue(typeArg, known) }] : [],
        ),
      );
    }
  }
  const sizeArg = b.byParam.get('disksize');
  const size = sizeArg?.resolved?.literal;
  if (sizeArg && size) {
    if (size.kind !== 'int' || size.value < 1) {
      const n = size.kind === 'string' ? parseInt(size.value, 10) : size.kind === 'float' ? Math.ceil(size.value) : NaN;
      const suggestion = Number.isFinite(n) && n >= 1 ? n : 10;
      out.push(
        finding(
          'actions-disk-size',
          'error',
          sizeArg.valueRange,
          `\`disksize\` is ${showLiteral(size)}: it becomes the image \`size\` (minimal disk in GB), which must be a whole number ≥ 1. Write ${suggestion}.`,
          [
            {
              title: `Change to ${suggestion}`,
              edits: [{ range: sizeArg.resolved!.literalRange, newText: String(suggestion) }],
            },
          ],
        ),
      );
    } else if (type?.toLowerCase() === 'windows' && size.value < 20) {
      out.push(
        finding(
          'actions-disk-size',
          'warning',
          sizeArg.valueRange,
          `A Windows image with a ${size.value} GB minimal disk: VMs created with the minimum size do not fit Windows (OpenvCloud's guidance is at least 20 GB for Windows, 10 for Linux). Write 20.`,
          [{ title: 'Change the disk size to 20', edits: [{ range: sizeArg.resolved!.literalRange, newText: '20' }] }],
        ),
      );
    }
  }
  const bootArg = b.byParam.get('bootType');
  if (bootArg?.resolved) {
    const boot = str(bootArg);
    if (boot === undefined || !BOOT_TYPES.includes(boot)) {
      const fix = boot && BOOT_TYPES.includes(boot.toLowerCase()) ? boot.toLowerCase() : undefined;
      out.push(
        finding(
          'actions-boot-type',
          'error',
          bootArg.valueRange,
          `\`bootType\` ${shown(bootArg)} is stored in the image \`bootType\` field and the VM firmware is chosen from it; only 'bios' (default) and 'uefi' exist.${fix ? ` Write '${fix}'.` : ''}`,
          fix ? [{ title: `Change to '${fix}'`, edits: replaceStringValue(bootArg, fix) }] : [],
        ),
      );
    }
  }
  const imgArg = b.byParam.get('imagepath');
  const img = str(imgArg);
  const dest = ctx.siblingServiceHrd?.lastExportDest;
  if (checkImagename && imgArg && img !== undefined && dest && img !== basename(dest)) {
    const rel: DiagnosticRelatedInformation[] = ctx.siblingServiceHrd?.destRange
      ? [{ location: ctx.siblingServiceHrd.destRange, message: `last web.export dest: ${dest}` }]
      : [];
    out.push(
      finding(
        'actions-imagename',
        'error',
        imgArg.valueRange,
        `The image file '${img}' is not the file the install downloads (\`dest\` of the last web.export: '${basename(dest)}'): registerImage converts /opt/jumpscale7/var/tmp/templates/${img}, which either does not exist ("Disk Image … does not exist") or is another recipe's image. Write '${basename(dest)}'.`,
        [{ title: `Change to '${basename(dest)}'`, edits: replaceStringValue(imgArg, basename(dest)) }],
        { relatedInformation: rel },
      ),
    );
  }
  const nameArg = b.byParam.get('name');
  const name = str(nameArg);
  if (nameArg && name !== undefined && ctx.otherDisplayNames?.length) {
    const key = name.trim().toLowerCase();
    const same = ctx.otherDisplayNames.filter((o) => o.name.trim().toLowerCase() === key);
    if (same.length) {
      out.push(
        finding(
          'actions-display-name',
          'warning',
          nameArg.resolved!.literalRange,
          `Display name '${name}' is also registered by ${same.length === 1 ? 'another recipe' : `${same.length} other recipes`}: the Cloud Broker Portal then lists different images under the same name (images are unique by template, not by name). Make it unique, e.g. add the version or edition.`,
          [],
          {
            relatedInformation: same.map((o) => ({
              location: { uri: o.uri, range: o.range },
              message: `also registered as '${o.name}'`,
            })),
          },
        ),
      );
    }
  }
  return out;
}

/** The rule family of the registerImage calls (every actions-* rule that the shape family does not report). */
export const ACTIONS_REGISTER_FAMILY: RuleFamily<ActionsRuleContext> = {
  rules: ACTIONS_RULES.filter((r) => !SHAPE_CODES.has(r.code)),
  check: ({ model, ctx, configureBody }) => registerFindings(model, ctx, configureBody),
};
