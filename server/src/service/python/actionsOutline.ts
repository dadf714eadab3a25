/** Outline (document symbols) and folding of an actions.py, from its model: no parsing here. */
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type Range,
} from 'vscode-languageserver-types';
import type { ActionsModel, MethodInfo, RegisterCall } from './actionsModel';
import { displayNamesOf } from './analyzeActions';

function within(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** `registerImage` calls as symbols named by the display name they register (when it is known statically). */
function callSymbol(model: ActionsModel, call: RegisterCall): DocumentSymbol {
  const name = displayNamesOf({ ...model, registerCalls: [call] })[0]?.name;
  return {
    name: name ? `registerImage '${name}'` : 'registerImage',
    detail: name ? 'display name' : 'display name not known statically',
    kind: SymbolKind.Event,
    range: call.range,
    selectionRange: call.calleeRange,
  };
}

function methodSymbol(model: ActionsModel, m: MethodInfo): DocumentSymbol {
  const calls = model.registerCalls.filter((c) => within(m.range, c.range));
  return {
    name: m.name,
    detail: `(${m.params.map((p) => (p.kind === 'varargs' ? '*' : p.kind === 'kwargs' ? '**' : '') + p.name).join(', ')})`,
    kind: SymbolKind.Method,
    range: m.range,
    selectionRange: m.nameRange,
    children: calls.map((c) => callSymbol(model, c)),
  };
}

/** class Actions (and any other class) with its methods, each method with the registerImage calls it makes; calls outside classes at the top. */
export function actionsSymbols(model: ActionsModel): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = model.classes.map((c) => ({
    name: c.name,
    detail: c.bases.map((b) => b.text).join(', '),
    kind: SymbolKind.Class,
    range: c.range,
    selectionRange: c.nameRange,
    children: c.methods.map((m) => methodSymbol(model, m)),
  }));
  const inClass = (call: RegisterCall) => model.classes.some((c) => c.methods.some((m) => within(m.range, call.range)));
  for (const call of model.registerCalls) if (!inClass(call)) symbols.push(callSymbol(model, call));
  return symbols.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** Every block (class, def, if, for, try…) and every registerImage call spanning several lines. */
export function actionsFolding(model: ActionsModel): FoldingRange[] {
  const seen = new Set<string>();
  const out: FoldingRange[] = [];
  const add = (r: Range, kind?: FoldingRangeKind) => {
    const key = `${r.start.line}:${r.end.line}`;
    if (r.end.line <= r.start.line || seen.has(key)) return;
    seen.add(key);
    out.push({ startLine: r.start.line, endLine: r.end.line, ...(kind ? { kind } : {}) });
  };
  for (const b of model.blocks) add(b);
  for (const c of model.registerCalls) add(c.range, FoldingRangeKind.Region);
  return out.sort((a, b) => a.startLine - b.startLine);
}
