/** Rules on the shape of actions.py: actions-syntax, -class, -base, -signature, -unknown-method, -never-called. */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { ActionsModel, ClassInfo, MethodInfo } from './actionsModel';
import type { ActionsRuleContext } from './actionsTypes';
import { ACTIONS_RULES, finding } from './actionsRules';
import type { RuleFamily } from '../rules/rule';
import { py2CompileError, type Py2SyntaxError } from './py2Syntax';
import { actionsBaseMethod, didYouMean, type ActionsBaseMethod } from './actionsBaseMethods';
import { pushAll } from '../arrays';

const GET_BASE = 'ActionsBase = j.atyourservice.getActionsBaseClass()';
// Line-start patterns use [ \t\f], never \s: with the m flag, \s* also eats newlines, which makes a file of blank
// lines quadratic (issue 10 item 2).

function lineRange(text: string, line: number): Range {
  const len = (text.split('\n')[line] ?? '').replace(/\r$/, '').length;
  return { start: { line, character: 0 }, end: { line, character: len } };
}

/** Why CPython 2.7 stops, in words (the tree-sitter reading names a Python 3-only construct better). */
function syntaxMessage(model: ActionsModel, err: Py2SyntaxError): string {
  const py3 = model.syntax.find((s) => s.kind === 'py3-only' && s.range.start.line === err.line - 1);
  if (py3)
    return `Python 3 only: ${py3.text.split('|')[0]} does not exist in Python 2.7, which AYS uses to import actions.py, so \`ays install\` stops with a SyntaxError. Write ${py3.text.split('|')[1]} instead.`;
  const what = err.pyType === 'TypeError' ? 'the file contains a NUL byte' : err.message;
  return `Python 2.7 stops here: ${err.pyType}: ${what}. AYS imports actions.py with Python 2.7, so \`ays install\` stops with this ${err.pyType} (Python 2 statements such as \`print x\` are fine).`;
}

/** `actions-syntax`: exactly where CPython 2.7 compile() stops (py2Syntax), one finding at most. */
export function syntaxFindings(model: ActionsModel, text: string): Diagnostic[] {
  const err = py2CompileError(text);
  if (!err) return [];
  const line = Math.max(0, err.line - 1);
  return [finding('actions-syntax', 'error', lineRange(text, line), syntaxMessage(model, err))];
}

/** No parse error (Python 3-only constructs parse fine): absence rules can trust the tree. */
export function treeIntact(model: ActionsModel): boolean {
  return !model.syntax.some((s) => s.kind !== 'py3-only');
}

export function actionsClass(model: ActionsModel): ClassInfo | undefined {
  return [...model.classes].reverse().find((c) => c.name === 'Actions');
}

/** A method scaffold for the profile, indented by `indent` spaces. */
export function configureScaffold(indent: number, body: string[]): string {
  const pad = ' '.repeat(indent);
  return [`${pad}def configure(self, serviceObj):`, ...body.map((l) => `${pad}    ${l}`)].join('\n') + '\n';
}

export function classFindings(model: ActionsModel, text: string, configureBody: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cls = actionsClass(model);
  const clean = treeIntact(model);
  if (!cls) {
    if (clean) {
      const eof = { line: model.lineCount, character: 0 };
      const needsJ = !/^[ \t\f]*from[ \t]+JumpScale[ \t]+import[ \t]+j\b/m.test(text);
      const scaffold =
        (needsJ ? 'from JumpScale import j\n\n' : '') +
        (model.actionsBase.length ? '' : GET_BASE + '\n\n') +
        '\nclass Actions(ActionsBase):\n\n' +
        configureScaffold(4, configureBody);
      out.push(
        finding(
          'actions-class',
          'error',
          lineRange(text, 0),
          'No `class Actions(ActionsBase)`: AYS loads actions.py and instantiates `Actions()`, so `ays install` fails with an AttributeError. Add `class Actions(ActionsBase):` with a `configure(self, serviceObj)` method.',
          [
            {
              title: 'Add class Actions(ActionsBase) with configure',
              edits: [
                { range: { start: eof, end: eof }, newText: (text.endsWith('\n') || !text ? '' : '\n') + scaffold },
              ],
            },
          ],
        ),
      );
    }
    return out;
  }
  if (!cls.bases.some((b) => b.text === 'ActionsBase')) {
    const at = cls.bases.length
      ? { start: cls.bases[0].range.start, end: cls.bases[cls.bases.length - 1].range.end }
      : cls.nameRange;
    out.push(
      finding(
        'actions-class',
        'error',
        at,
        '`class Actions` does not derive from `ActionsBase`: AYS calls `stop`, `check_down_local`, `prepare`, `configure` and `start` on it during `ays install`, and the ones you do not override come from ActionsBase (AttributeError otherwise). Write `class Actions(ActionsBase):`.',
        [
          {
            title: 'Derive Actions from ActionsBase',
            edits: [
              cls.bases.length
                ? { range: at, newText: 'ActionsBase' }
                : { range: { start: cls.nameRange.end, end: cls.nameRange.end }, newText: '(ActionsBase)' },
            ],
          },
        ],
      ),
    );
  }
  pushAll(out, baseFindings(model, text, cls, clean));
  for (const m of cls.methods) pushAll(out, methodFindings(m, cls));
  return out;
}

function baseFindings(model: ActionsModel, text: string, cls: ClassInfo, clean: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bindingRanges = model.actionsBase.map((b) => b.range);
  for (const b of model.actionsBase) {
    if (b.kind === 'j-packages') {
      out.push(
        finding(
          'actions-base',
          'error',
          b.range,
          `JumpScale 6 style: \`j.packages\` does not exist in JumpScale 7, so importing actions.py fails with an AttributeError. Write \`${GET_BASE}\`.`,
          [{ title: `Use ${GET_BASE}`, edits: [{ range: b.range, newText: GET_BASE }] }],
        ),
      );
    } else if (b.kind !== 'get-actions-base-class') {
      out.push(
        finding(
          'actions-base',
          'warning',
          b.range,
          `\`ActionsBase\` is not taken from \`j.atyourservice.getActionsBaseClass()\` (\`${b.text.slice(0, 60)}\`): AYS 7 expects the base class it provides (the node-aware ActionsBaseNode on remote installs). Write \`${GET_BASE}\`.`,
          [{ title: `Use ${GET_BASE}`, edits: [{ range: b.range, newText: GET_BASE }] }],
        ),
      );
    }
  }
  for (const r of model.jPackages) {
    if (bindingRanges.some((b) => inside(r, b))) continue;
    out.push(
      finding(
        'actions-base',
        'warning',
        r,
        'JumpScale 6 style: `j.packages` does not exist in JumpScale 7 (AttributeError when this line runs). Use the service object passed to the method (`serviceObj`) or `j.atyourservice`.',
      ),
    );
  }
  const derives = cls.bases.some((b) => b.text === 'ActionsBase');
  // defined some other way (star import, nested assignment, own class): not "undefined"
  const starImport =
    /^[ \t\f]*from[ \t]+\S+[ \t]+import[ \t]+\*/m.test(text) ||
    /^[ \t\f]*(class[ \t]+ActionsBase\b|ActionsBase[ \t]*=[^=])/m.test(text) ||
    /^[ \t\f]*(from[ \t]+\S+[ \t]+)?import[ \t]+[^#\n]*\bActionsBase\b/m.test(text);
  if (clean && derives && model.actionsBase.length === 0 && !starImport) {
    const at = { line: cls.range.start.line, character: 0 };
    const needsJ = !/^[ \t\f]*from[ \t]+JumpScale[ \t]+import[ \t]+j\b/m.test(text);
    out.push(
      finding(
        'actions-base',
        'error',
        cls.bases.find((b) => b.text === 'ActionsBase')!.range,
        `\`ActionsBase\` is not defined: importing actions.py fails with a NameError. Add \`${GET_BASE}\` before the class.`,
        [
          {
            title: `Add ${GET_BASE}`,
            edits: [
              {
                range: { start: at, end: at },
                newText: (needsJ ? 'from JumpScale import j\n\n' : '') + GET_BASE + '\n\n\n',
              },
            ],
          },
        ],
      ),
    );
  }
  return out;
}

function inside(r: Range, outer: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, r.start) && le(r.end, outer.end);
}

/** Whether a def with these parameters accepts `n` positional arguments after self. */
function accepts(m: MethodInfo, n: number): boolean {
  const ps = m.params;
  if (ps.length && ps[0].kind === 'varargs') return !ps.some((p) => p.kind === 'kwonly');
  if (!ps.length || (ps[0].kind !== 'positional' && ps[0].kind !== 'optional')) return false;
  const rest = ps.slice(1);
  const required = rest.filter((p) => p.kind === 'positional').length;
  const max = rest.some((p) => p.kind === 'varargs')
    ? Infinity
    : rest.filter((p) => p.kind === 'positional' || p.kind === 'optional').length;
  return required <= n && n <= max && !rest.some((p) => p.kind === 'kwonly');
}

function expectedDef(b: ActionsBaseMethod): string {
  return `def ${b.name}(self, ${b.params.join(', ')}):`;
}

function methodFindings(m: MethodInfo, cls: ClassInfo): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = actionsBaseMethod(m.name);
  if (base) {
    if (!m.decorators.length && !accepts(m, base.positionalArgs)) {
      const call = `self.actions.${m.name}(${base.params.filter((p) => !p.includes('=') && !p.startsWith('*')).join(', ')})`;
      out.push(
        finding(
          'actions-signature',
          'error',
          m.paramsRange,
          `AYS calls this method positionally as \`${call}\`; with these parameters that raises a TypeError (the JumpScale 6 \`**kwargs\` form no longer works). Write \`${expectedDef(base)}\`.`,
          m.params.some((p) => p.kind === 'kwargs') && m.params.length <= 2 && base.positionalArgs === 1
            ? [
                {
                  title: `Change to ${expectedDef(base)}`,
                  edits: [{ range: m.paramsRange, newText: '(self, serviceObj)' }],
                },
              ]
            : [],
        ),
      );
    }
    if (base.neverCalled) {
      out.push(
        finding(
          'actions-never-called',
          'information',
          m.nameRange,
          `\`${m.name}\` is never called by \`ays install\` (called by: ${base.calledBy}), so this code never runs during an install. Image recipes do their work in \`configure\`.`,
        ),
      );
    }
    return out;
  }
  const guess = didYouMean(m.name);
  if (guess && !cls.methods.some((x) => x.name === guess)) {
    out.push(
      finding(
        'actions-unknown-method',
        'warning',
        m.nameRange,
        `\`${m.name}\` is not an ActionsBase method, so AYS never calls it. Did you mean \`${guess}\`?`,
        [{ title: `Rename to ${guess}`, edits: [{ range: m.nameRange, newText: guess }] }],
      ),
    );
  }
  return out;
}

/** The actions-* codes of ACTIONS_SHAPE_FAMILY (the rest belong to registerRules.ts). */
export const SHAPE_CODES: ReadonlySet<string> = new Set([
  'actions-syntax',
  'actions-class',
  'actions-base',
  'actions-signature',
  'actions-unknown-method',
  'actions-never-called',
]);

/** The rule family of the file's shape (ruleRegistry.ts runs it on every analysed actions.py, before registerImage). */
export const ACTIONS_SHAPE_FAMILY: RuleFamily<ActionsRuleContext> = {
  rules: ACTIONS_RULES.filter((r) => SHAPE_CODES.has(r.code)),
  check: ({ model, text, configureBody }) => [
    ...syntaxFindings(model, text),
    ...classFindings(model, text, configureBody),
  ],
};
