/** Hover in .hrd files: keys, dict entries, platform names, `$(…)` references. */
import type { Hover } from 'vscode-languageserver-types';
import type { HrdDocument, HrdItem, Span } from '../hrd/HrdModel';
import { aysItemAt, aysView, showPy } from '../hrd/aysView';
import { entryDoc, keyDoc } from './keyDocs';
import { PLATFORMS, templateName } from './recipeFiles';
import { entryOf, exportItems } from './recipeRules';

const inSpan = (s: Span | undefined, o: number) => !!s && o >= s.start && o <= s.end && s.end > s.start;

function md(doc: HrdDocument, value: string, span: Span): Hover {
  return { contents: { kind: 'markdown', value }, range: doc.index.range(span.start, span.end) };
}

/** "AYS reads:" the value the real parser gives (readAsAys), or why there is none. */
function typeLine(doc: HrdDocument, item: HrdItem): string {
  const view = aysView(doc);
  if (view.loadError)
    return `AYS reads: nothing — loading this file raises ${view.loadError.type} (line ${view.loadError.line + 1}), so \`ays install\` stops`;
  const it = aysItemAt(view, item.key, item.line);
  if (!it)
    return `AYS reads: nothing from here — ${view.items.has(item.key) ? `**overridden** by the value on line ${view.items.get(item.key)!.line + 1}` : '**dropped** by the parser'}`;
  const v = showPy(view.values.get(item.key));
  return `AYS reads: \`${v.length > 200 ? v.slice(0, 197) + '…' : v}\` (${item.type})`;
}

export function hrdHover(doc: HrdDocument, offset: number): Hover | null {
  for (const ref of doc.references) {
    if (!inSpan(ref.span, offset)) continue;
    const target = doc.keys.get(ref.name);
    return md(
      doc,
      target
        ? `\`$(${ref.name})\`: AYS substitutes the value of \`${ref.name}\` (line ${target.line + 1}): \`${showPy(aysView(doc).values.get(ref.name))}\``
        : `\`$(${ref.name})\`: no such key in this file; AYS leaves the text unchanged (or fills it from the instance / system config at install).`,
      ref.span,
    );
  }
  const line = doc.index.lineAt(offset);
  for (const item of doc.items) {
    if (line < item.line || line > item.endLine) continue;
    if (inSpan(item.keySpan, offset)) {
      const kd = keyDoc(item.key);
      const extra = item.key.startsWith('web.export') ? exportSummary(doc, item) : '';
      return md(
        doc,
        `**${item.key || "'' (empty key)"}**${kd ? ` — ${kd.label}\n\n${kd.doc}` : ''}\n\n${typeLine(doc, item)}${extra}`,
        item.keySpan,
      );
    }
    for (const e of item.entries) {
      if (inSpan(e.keySpan, offset)) {
        const d = entryDoc(item.key, e.key);
        return md(
          doc,
          `**${e.key}** (entry of \`${item.key}\`)\n\n${d ?? 'Not an entry AYS reads for this key.'}\n\nAYS reads: \`${JSON.stringify(e.value)}\``,
          e.keySpan!,
        );
      }
      if (inSpan(e.valueSpan, offset)) {
        if (item.key === 'platform.supported') break;
        if (e.key === 'dest')
          return md(doc, `OVS template name: \`${templateName(e.value)}\` (splitext(basename(dest)))`, e.valueSpan);
        if (e.key === 'url' || e.key === 'source') {
          const url = entryOf(item, 'url')?.value ?? '<url>';
          const src = (entryOf(item, 'source')?.value ?? '<source>').replace(/^\/+/, '');
          return md(
            doc,
            `AYS downloads \`${url}/${src}\`; with checkmd5 'true' it first compares \`${url}/${src}.md5sum\`.`,
            e.valueSpan,
          );
        }
      }
    }
    if (item.key === 'platform.supported' && inSpan(item.valueSpan, offset)) {
      const names = Array.isArray(item.value)
        ? item.value
        : String(item.value)
            .split(',')
            .map((s) => s.trim());
      const ok = names.every((n) => PLATFORMS.includes(n));
      return md(
        doc,
        `Platforms AYS checks: \`${JSON.stringify(names)}\` — ${ok ? 'valid' : '**not all valid**'} platform names.\n\nValid: ${PLATFORMS.join(', ')}.`,
        item.valueSpan,
      );
    }
  }
  return null;
}

function exportSummary(doc: HrdDocument, item: HrdItem): string {
  const all = exportItems(doc);
  if (item.type !== 'dict') return '';
  const url = entryOf(item, 'url')?.value;
  const src = entryOf(item, 'source')?.value;
  const dest = entryOf(item, 'dest')?.value;
  const last = all[all.length - 1] === item;
  return (
    `\n\nDownload: \`${url ?? '<url>'}/${(src ?? '<source>').replace(/^\/+/, '')}\` → \`${dest ?? '<dest>'}\`` +
    (dest
      ? `\n\n${last ? 'Registered' : 'Not registered (not the last export)'} as OVS template \`${templateName(dest)}\`.`
      : '')
  );
}
