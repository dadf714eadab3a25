/**
 * A plain-data model of an `actions.py`, extracted once from the tree-sitter tree (the tree can be
 * deleted afterwards): classes, methods, `ActionsBase` bindings, `registerImage` calls with their
 * argument values (simple variable assignments resolved), and the syntax issues.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Range } from 'vscode-languageserver-types';
import { literalOf, nodeRange, type PyLiteral } from './pyValues';
import { findSyntaxIssues, type SyntaxIssue } from './py2Tolerance';
import { findPy3Only, PY3_ONLY_TYPES } from './py3Only';

export type ParamKind = 'positional' | 'optional' | 'varargs' | 'kwargs' | 'kwonly';
export interface ParamInfo {
  name: string;
  kind: ParamKind;
}

export interface MethodInfo {
  name: string;
  nameRange: Range;
  range: Range;
  paramsRange: Range;
  params: ParamInfo[];
  decorators: string[];
}

export interface ClassInfo {
  name: string;
  nameRange: Range;
  range: Range;
  bases: { text: string; range: Range }[];
  methods: MethodInfo[];
  /** Column of the statements in the class body. */
  bodyIndent: number;
}

export interface BaseBinding {
  /** `get-actions-base-class` (j.atyourservice.getActionsBaseClass()), `j-packages`, `import` or `other`. */
  kind: 'get-actions-base-class' | 'j-packages' | 'import' | 'other';
  range: Range;
  text: string;
}

/** A value known statically: where it was written, and the literal. */
export interface ResolvedValue {
  literal: PyLiteral;
  /** Range of the literal itself (in the call, or in the assignment it came from). */
  literalRange: Range;
  /** Source text of the literal (`'windows'`, `u"x"`, `10`). */
  literalText: string;
  /** The variable name when it came through an assignment. */
  variable?: string;
}

export interface CallArg {
  keyword?: string;
  keywordRange?: Range;
  splat?: '*' | '**';
  /** The whole argument (`x` or `kw=x`). */
  range: Range;
  /** The value expression. */
  valueRange: Range;
  text: string;
  /** Identifier name when the value is a bare name. */
  name?: string;
  resolved?: ResolvedValue;
}

export interface RegisterCall {
  range: Range;
  calleeRange: Range;
  argsRange: Range;
  args: CallArg[];
  /** Enclosing method / class names, if any. */
  method?: string;
  className?: string;
}

export interface ActionsModel {
  syntax: SyntaxIssue[];
  classes: ClassInfo[];
  actionsBase: BaseBinding[];
  jPackages: Range[];
  registerCalls: RegisterCall[];
  /** Each compound statement with a body (class, def, if, for, try…), from its first line to the end of its body: folding. */
  blocks: Range[];
  lineCount: number;
}

interface Assignment {
  name: string;
  index: number;
  value: Node;
}

const COLLECTED = new Set(['assignment', 'call', 'attribute', 'block', ...PY3_ONLY_TYPES]);

const COLLECTED_LIST = [...COLLECTED];

/**
 * The nodes of the types the model needs, each list in document order: ONE descendantsOfType call for all the
 * types (the walk runs inside the wasm module; a JS TreeCursor walk crosses the JS/wasm boundary at every node and
 * cost ~2x the whole analysis of a typical recipe).
 */
function collect(root: Node): Map<string, Node[]> {
  const out = new Map<string, Node[]>(COLLECTED_LIST.map((t) => [t, []]));
  for (const n of root.descendantsOfType(COLLECTED_LIST)) out.get(n.type)?.push(n);
  return out;
}

function assignmentsOf(nodes: Node[]): Assignment[] {
  const out: Assignment[] = [];
  for (const a of nodes) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'identifier' && right) out.push({ name: left.text, index: a.startIndex, value: right });
  }
  return out;
}

function enclosing(n: Node, type: string): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === type) return p;
  return undefined;
}

function paramsOf(params: Node | null): ParamInfo[] {
  const out: ParamInfo[] = [];
  let kwonly = false;
  for (const p of params?.namedChildren ?? []) {
    if (!p) continue;
    const ident = p.type === 'identifier' ? p : (p.namedChildren.find((c) => c?.type === 'identifier') ?? p);
    switch (p.type) {
      case 'identifier':
      case 'tuple_pattern':
      case 'typed_parameter': {
        const splat = p.namedChildren.find(
          (c) => c?.type === 'list_splat_pattern' || c?.type === 'dictionary_splat_pattern',
        );
        if (splat)
          out.push({
            name: splat.text.replace(/^\*+/, ''),
            kind: splat.type === 'list_splat_pattern' ? 'varargs' : 'kwargs',
          });
        else out.push({ name: ident.text, kind: kwonly ? 'kwonly' : 'positional' });
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        out.push({ name: p.childForFieldName('name')?.text ?? ident.text, kind: kwonly ? 'kwonly' : 'optional' });
        break;
      case 'list_splat_pattern':
        out.push({ name: p.text.replace(/^\*/, ''), kind: 'varargs' });
        kwonly = true;
        break;
      case 'dictionary_splat_pattern':
        out.push({ name: p.text.replace(/^\*\*/, ''), kind: 'kwargs' });
        break;
      case 'keyword_separator':
        kwonly = true;
        break;
      default:
        break;
    }
  }
  return out;
}

function methodOf(fn: Node): MethodInfo | undefined {
  const name = fn.childForFieldName('name');
  const params = fn.childForFieldName('parameters');
  if (!name || !params) return undefined;
  const deco =
    fn.parent?.type === 'decorated_definition'
      ? fn.parent.namedChildren.filter((c) => c?.type === 'decorator').map((c) => c!.text.replace(/^@\s*/, ''))
      : [];
  return {
    name: name.text,
    nameRange: nodeRange(name),
    range: nodeRange(fn),
    paramsRange: nodeRange(params),
    params: paramsOf(params),
    decorators: deco,
  };
}

function classOf(cls: Node): ClassInfo | undefined {
  const name = cls.childForFieldName('name');
  if (!name) return undefined;
  const supers = cls.childForFieldName('superclasses');
  const body = cls.childForFieldName('body');
  const methods: MethodInfo[] = [];
  for (const st of body?.namedChildren ?? []) {
    const fn = st?.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (fn?.type === 'function_definition') {
      const m = methodOf(fn);
      if (m) methods.push(m);
    }
  }
  const first = body?.namedChildren.find((c) => c && c.type !== 'comment');
  return {
    name: name.text,
    nameRange: nodeRange(name),
    range: nodeRange(cls),
    bases: (supers?.namedChildren ?? [])
      .filter((b): b is Node => !!b)
      .map((b) => ({ text: b.text, range: nodeRange(b) })),
    methods,
    bodyIndent:
      first && first.startPosition.row > cls.startPosition.row
        ? first.startPosition.column
        : cls.startPosition.column + 4,
  };
}

function baseBindings(root: Node): BaseBinding[] {
  const out: BaseBinding[] = [];
  for (const st of root.namedChildren) {
    if (!st) continue;
    if (st.type === 'expression_statement') {
      const a = st.namedChild(0);
      if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== 'ActionsBase') continue;
      const right = a.childForFieldName('right');
      const t = (right?.text ?? '').replace(/\s+/g, '');
      const kind = /^j\.atyourservice\.getActionsBaseClass\(\)$/.test(t)
        ? 'get-actions-base-class'
        : /^j\.packages\b/.test(t)
          ? 'j-packages'
          : 'other';
      out.push({ kind, range: nodeRange(a), text: right?.text ?? '' });
    } else if (st.type === 'import_from_statement' || st.type === 'import_statement') {
      const names = st.childrenForFieldName('name').filter((n): n is Node => !!n);
      for (const n of names) {
        const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text.split('.').pop();
        if (alias === 'ActionsBase') out.push({ kind: 'import', range: nodeRange(st), text: st.text });
      }
    }
  }
  return out;
}

function isRegisterCallee(fn: Node | null): boolean {
  if (!fn) return false;
  if (fn.type === 'identifier') return fn.text === 'registerImage';
  return fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'registerImage';
}

function resolve(value: Node, call: Node, scopes: { fn?: Assignment[]; mod: Assignment[] }): ResolvedValue | undefined {
  const lit = literalOf(value);
  if (lit) return { literal: lit, literalRange: nodeRange(value), literalText: value.text };
  if (value.type !== 'identifier') return undefined;
  const pick = (list: Assignment[] | undefined) =>
    list?.filter((a) => a.name === value.text && a.index < call.startIndex).pop();
  const a = pick(scopes.fn) ?? pick(scopes.mod);
  const v = a ? literalOf(a.value) : undefined;
  return a && v
    ? { literal: v, literalRange: nodeRange(a.value), literalText: a.value.text, variable: a.name }
    : undefined;
}

function registerCalls(calls: Node[], all: Assignment[], moduleAssignments: Assignment[]): RegisterCall[] {
  const out: RegisterCall[] = [];
  const fnCache = new Map<number, Assignment[]>();
  for (const call of calls) {
    if (!isRegisterCallee(call.childForFieldName('function'))) continue;
    const argList = call.childForFieldName('arguments');
    if (!argList || argList.type !== 'argument_list') continue;
    const fn = enclosing(call, 'function_definition');
    const cls = fn ? enclosing(fn, 'class_definition') : undefined;
    if (fn && !fnCache.has(fn.id))
      fnCache.set(
        fn.id,
        all.filter((a) => a.index >= fn.startIndex && a.index < fn.endIndex),
      );
    const scopes = { fn: fn ? fnCache.get(fn.id) : undefined, mod: moduleAssignments };
    const args: CallArg[] = [];
    for (const a of argList.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name');
        const v = a.childForFieldName('value');
        if (!k || !v) continue;
        args.push({
          keyword: k.text,
          keywordRange: nodeRange(k),
          range: nodeRange(a),
          valueRange: nodeRange(v),
          text: v.text,
          name: v.type === 'identifier' ? v.text : undefined,
          resolved: resolve(v, call, scopes),
        });
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        args.push({
          splat: a.type === 'list_splat' ? '*' : '**',
          range: nodeRange(a),
          valueRange: nodeRange(a),
          text: a.text,
        });
      } else {
        args.push({
          range: nodeRange(a),
          valueRange: nodeRange(a),
          text: a.text,
          name: a.type === 'identifier' ? a.text : undefined,
          resolved: resolve(a, call, scopes),
        });
      }
    }
    out.push({
      range: nodeRange(call),
      calleeRange: nodeRange(call.childForFieldName('function')!),
      argsRange: nodeRange(argList),
      args,
      method: fn?.childForFieldName('name')?.text,
      className: cls?.childForFieldName('name')?.text,
    });
  }
  return out;
}

function jPackageUses(attributes: Node[]): Range[] {
  return attributes
    .filter(
      (a) =>
        a.text.startsWith('j') &&
        a.childForFieldName('object')?.text === 'j' &&
        a.childForFieldName('attribute')?.text === 'packages',
    )
    .map(nodeRange);
}

/** Builds the model. `reparse` is used only for the Python 2 tolerance pass. */
export function buildActionsModel(tree: Tree, text: string, reparse: (t: string) => Tree | undefined): ActionsModel {
  const root = tree.rootNode;
  const nodes = collect(root);
  const assignments = assignmentsOf(nodes.get('assignment')!);
  const moduleAssignments = assignments.filter((a) => a.value.parent?.parent?.parent?.type === 'module');
  const classes: ClassInfo[] = [];
  for (const st of root.namedChildren) {
    const cls = st?.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (cls?.type === 'class_definition') {
      const c = classOf(cls);
      if (c) classes.push(c);
    }
  }
  return {
    syntax: [...findSyntaxIssues(tree, text, reparse, nodes.get('block')!), ...findPy3Only(nodes, text)].slice(0, 10),
    classes,
    actionsBase: baseBindings(root),
    jPackages: jPackageUses(nodes.get('attribute')!),
    registerCalls: registerCalls(nodes.get('call')!, assignments, moduleAssignments),
    blocks: nodes
      .get('block')!
      .filter((b) => b.parent)
      .map((b) => ({ start: nodeRange(b.parent!).start, end: nodeRange(b).end })),
    lineCount: root.endPosition.row + 1,
  };
}
