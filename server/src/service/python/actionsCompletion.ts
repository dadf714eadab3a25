/** Completion in actions.py: registerImage argument values and ActionsBase method slots. */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ActionsContext } from './actionsTypes';
import { methodSlotAt, registerCallAt, type RegisterCallContext } from './callContext';
import { ACTIONS_BASE_METHODS } from './actionsBaseMethods';
import { PROFILES, paramDoc, requiredCount, type RegisterParam } from './registerImageProfiles';
import { displayNameFromFolder } from './displayName';
import { basename } from './registerBinding';

interface Value {
  text: string;
  string: boolean;
  doc: string;
}

function valuesFor(param: RegisterParam, ctx: ActionsContext): Value[] {
  switch (param.name) {
    case 'service':
    case 'jp':
      return [{ text: 'serviceObj', string: false, doc: 'The service object `configure` receives.' }];
    case 'name': {
      const n = displayNameFromFolder(ctx.folderName);
      return [
        ...(n ? [{ text: n, string: true, doc: `Display name derived from the folder \`${ctx.folderName}\`.` }] : []),
        { text: 'name', string: false, doc: 'The `name` variable.' },
      ];
    }
    case 'type':
      return [
        { text: 'Linux', string: true, doc: 'Linux image (cloud-init user `cloudscalers`).' },
        {
          text: 'Windows',
          string: true,
          doc: 'Windows image: the only value (with `WINDOWS`) that gets Windows handling.',
        },
        { text: 'Other', string: true, doc: 'Any other image.' },
      ];
    case 'disksize':
      return [
        { text: '10', string: false, doc: 'Minimal disk 10 GB (fine for Linux).' },
        { text: '20', string: false, doc: 'Minimal disk 20 GB (at least this for Windows).' },
      ];
    case 'imagepath': {
      const dest = ctx.siblingServiceHrd?.lastExportDest;
      return [
        ...(dest
          ? [{ text: basename(dest), string: true, doc: `File name of the last web.export \`dest\` (${dest}).` }]
          : []),
        { text: 'imagename', string: false, doc: 'The `imagename` variable.' },
      ];
    }
    case 'username':
      return [{ text: 'Cloudscalers', string: true, doc: 'The user Windows images use.' }];
    case 'bootType':
      return [
        { text: 'bios', string: true, doc: 'Legacy BIOS boot (default).' },
        { text: 'uefi', string: true, doc: 'UEFI boot.' },
      ];
    case 'delete':
    case 'hotResize':
      return [
        { text: 'True', string: false, doc: '' },
        { text: 'False', string: false, doc: '' },
      ];
    default:
      return [];
  }
}

function registerItems(
  doc: TextDocument,
  offset: number,
  c: RegisterCallContext,
  ctx: ActionsContext,
): CompletionItem[] {
  const profile = PROFILES[ctx.settings.profile];
  const param = c.keyword ? profile.params.find((p) => p.name === c.keyword) : profile.params[c.positionalBefore];
  const items: CompletionItem[] = [];
  const range: Range = {
    start: doc.positionAt(c.quote ? c.valueStart + c.valueText.indexOf(c.quote) + 1 : c.valueStart),
    end: doc.positionAt(offset),
  };
  if (param && (!c.keyword || profile.params.includes(param))) {
    for (const [i, v] of valuesFor(param, ctx).entries()) {
      if (c.quote && !v.string) continue;
      const q = c.quote ?? "'";
      const newText = v.string && !c.quote ? `${q}${v.text}${q}` : v.text;
      items.push({
        label: v.string ? `'${v.text}'` : v.text,
        kind: v.string ? CompletionItemKind.Value : CompletionItemKind.Variable,
        detail: `registerImage ${param.name}`,
        sortText: `0${i}`,
        filterText: c.quote ? v.text : newText,
        documentation: { kind: MarkupKind.Markdown, value: `${v.doc}\n\n${paramDoc(param)}`.trim() },
        textEdit: { range, newText },
      });
    }
  }
  if (!c.keyword && !c.quote && c.positionalBefore >= requiredCount(profile)) {
    const used = new Set(c.usedKeywords);
    profile.params.forEach((p, i) => {
      if (p.default === undefined || i < c.positionalBefore || used.has(p.name)) return;
      items.push({
        label: `${p.name}=`,
        kind: CompletionItemKind.Property,
        detail: `registerImage keyword (default ${p.default})`,
        sortText: `1${i}`,
        documentation: { kind: MarkupKind.Markdown, value: paramDoc(p) },
        textEdit: { range, newText: `${p.name}=` },
        command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
      });
    });
  }
  return items;
}

function methodItems(
  doc: TextDocument,
  offset: number,
  replaceStart: number,
  hasDef: boolean,
  defined: string[],
): CompletionItem[] {
  const range: Range = { start: doc.positionAt(replaceStart), end: doc.positionAt(offset) };
  return ACTIONS_BASE_METHODS.filter((m) => !defined.includes(m.name)).map((m, i) => {
    const sig = `def ${m.name}(self, ${m.params.join(', ')}):`;
    const rank = m.name === 'configure' ? 0 : m.installStep ? 1 : m.neverCalled ? 3 : 2;
    return {
      label: m.name,
      kind: CompletionItemKind.Method,
      detail: sig,
      sortText: `${rank}${String(i).padStart(2, '0')}`,
      filterText: hasDef ? `def ${m.name}` : m.name,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `ActionsBase: ${m.defaultBehaviour}.\n\nCalled by: ${m.calledBy}.`,
      },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `def ${m.name}(self, ${m.params.join(', ')}):\n\t\${0:pass}` },
    };
  });
}

export function actionsCompletion(doc: TextDocument, offset: number, ctx: ActionsContext): CompletionItem[] {
  const text = doc.getText();
  const call = registerCallAt(text, offset);
  if (call) return registerItems(doc, offset, call, ctx);
  const slot = methodSlotAt(text, offset);
  if (slot) return methodItems(doc, offset, slot.replaceStart, slot.hasDef, slot.defined);
  return [];
}
