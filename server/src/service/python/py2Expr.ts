/**
 * The expression half of the Python 2.7 parser of py2Syntax.ts (Grammar/Grammar `test` … `atom`, argument lists,
 * parameter lists) with the checks CPython makes on them after parsing: assignment targets, call arguments,
 * defaults and duplicate parameters, string escapes, `yield` outside a function.
 */
import { Py2SyntaxError, type Py2Token } from './py2Tokenize';
import { pushAll } from '../arrays';

export interface Ex {
  k: string;
  line: number;
  name?: string;
  items?: Ex[];
}

export const KW = new Set([
  'and',
  'as',
  'assert',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'exec',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'not',
  'or',
  'pass',
  'print',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);
export const AUG = new Set(['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '**=', '//=']);
const COMP = new Set(['<', '>', '==', '>=', '<=', '<>', '!=']);
export const FUTURES = new Set([
  'nested_scopes',
  'generators',
  'division',
  'absolute_import',
  'with_statement',
  'print_function',
  'unicode_literals',
]);
const TARGET_NAMES: Record<string, string> = {
  literal: 'literal',
  call: 'function call',
  op: 'operator',
  lambda: 'lambda',
  ifexp: 'conditional expression',
  compare: 'comparison',
  repr: 'repr',
  yield: 'yield expression',
  genexp: 'generator expression',
  listcomp: 'list comprehension',
  dictcomp: 'dict comprehension',
  setcomp: 'set comprehension',
};

export interface Scope {
  kind: 'module' | 'function' | 'class';
  blocks: Array<'loop' | 'finally'>;
  yieldLine?: number;
  returnLine?: number;
}

/** Tokens, scopes and the collected post-parse errors (by CPython stage), plus the expression grammar. */
export class Py2ExprParser {
  protected i = 0;
  protected printFunction = false;
  protected scope: Scope = { kind: 'module', blocks: [] };
  readonly ast: Py2SyntaxError[] = [];
  readonly future: Py2SyntaxError[] = [];
  readonly sym: Py2SyntaxError[] = [];
  readonly comp: Py2SyntaxError[] = [];

  constructor(protected readonly toks: Py2Token[]) {}

  protected get cur(): Py2Token {
    const t = this.toks[this.i];
    if (t.t === 'ERROR') throw t.err!;
    return t;
  }
  protected tt(): Py2Token['t'] {
    return this.cur.t;
  }
  protected is(v: string): boolean {
    const t = this.cur;
    return (t.t === 'OP' || t.t === 'NAME') && t.v === v;
  }
  protected isKw(v: string): boolean {
    return this.cur.t === 'NAME' && this.cur.v === v && (v !== 'print' || !this.printFunction);
  }
  protected fail(expectIndent = false): never {
    const t = this.cur;
    if (expectIndent) throw new Py2SyntaxError('IndentationError', 'expected an indented block', t.line);
    if (t.t === 'INDENT') throw new Py2SyntaxError('IndentationError', 'unexpected indent', t.line);
    if (t.t === 'DEDENT') throw new Py2SyntaxError('IndentationError', 'unexpected unindent', t.line);
    throw new Py2SyntaxError(
      'SyntaxError',
      t.t === 'ENDMARKER' ? 'unexpected EOF while parsing' : 'invalid syntax',
      t.line,
    );
  }
  protected eat(v: string): Py2Token {
    if (!this.is(v)) this.fail();
    return this.toks[this.i++];
  }
  protected name(): Py2Token {
    const t = this.cur;
    if (t.t !== 'NAME' || this.keyword(t)) this.fail();
    this.i++;
    return t;
  }
  protected keyword(t: Py2Token): boolean {
    return t.t === 'NAME' && KW.has(t.v) && !(t.v === 'print' && this.printFunction);
  }
  protected exprStart(): boolean {
    const t = this.cur;
    if (t.t === 'NUMBER' || t.t === 'STRING') return true;
    if (t.t === 'NAME') return !this.keyword(t);
    return t.t === 'OP' && '([{`-+~'.includes(t.v) && t.v.length === 1;
  }
  protected testStart(): boolean {
    return this.exprStart() || this.isKw('not') || this.isKw('lambda');
  }

  protected inScope(s: Scope, body: () => void): Scope {
    const prev = this.scope;
    this.scope = s;
    try {
      body();
    } finally {
      this.scope = prev;
    }
    return s;
  }

  protected varargs(end: string, defLine: number): void {
    const names: string[] = [];
    let defaults = false;
    const fpdef = (): void => {
      if (this.is('(')) {
        this.i++;
        for (;;) {
          fpdef();
          if (!this.is(',')) break;
          this.i++;
          if (this.is(')')) break;
        }
        this.eat(')');
        return;
      }
      const t = this.name();
      if (t.v === 'None') this.ast.push(new Py2SyntaxError('SyntaxError', 'cannot assign to None', t.line));
      names.push(t.v);
    };
    for (;;) {
      if (this.is('*') || this.is('**')) {
        const star = this.cur.v;
        this.i++;
        names.push(this.name().v);
        if (star === '*' && this.is(',')) {
          this.i++;
          this.eat('**');
          names.push(this.name().v);
        }
        break;
      }
      const line = this.cur.line;
      fpdef();
      if (this.is('=')) {
        this.i++;
        this.test();
        defaults = true;
      } else if (defaults)
        this.ast.push(new Py2SyntaxError('SyntaxError', 'non-default argument follows default argument', line));
      if (!this.is(',')) break;
      this.i++;
      if (this.is(end)) break;
    }
    const dup = names.find((x, k) => names.indexOf(x) !== k);
    if (dup)
      this.sym.push(new Py2SyntaxError('SyntaxError', `duplicate argument '${dup}' in function definition`, defLine));
  }

  protected store(e: Ex, ctx: 'assign' | 'del'): void {
    const verb = ctx === 'del' ? "can't delete" : "can't assign to";
    switch (e.k) {
      case 'attr':
      case 'subscript':
        return;
      case 'name':
        if (e.name === 'None')
          this.ast.push(
            new Py2SyntaxError('SyntaxError', ctx === 'del' ? 'deleting None' : 'cannot assign to None', e.line),
          );
        return;
      case 'tuple':
      case 'list':
        if (e.k === 'tuple' && !e.items!.length) this.ast.push(new Py2SyntaxError('SyntaxError', `${verb} ()`, e.line));
        for (const x of e.items!) this.store(x, ctx);
        return;
      default:
        this.ast.push(new Py2SyntaxError('SyntaxError', `${verb} ${TARGET_NAMES[e.k] ?? 'literal'}`, e.line));
    }
  }

  protected yieldExpr(): Ex {
    const t = this.eat('yield');
    if (this.scope.kind !== 'function')
      this.comp.push(new Py2SyntaxError('SyntaxError', "'yield' outside function", t.line));
    else this.scope.yieldLine ??= t.line;
    if (this.testStart()) this.testlist();
    return { k: 'yield', line: t.line };
  }

  protected seq(item: () => Ex, more: () => boolean, k: 'tuple' | 'list' = 'tuple'): Ex {
    const line = this.cur.line;
    const first = item();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.is(',')) {
      this.i++;
      if (!more()) break;
      items.push(item());
    }
    return { k, line, items };
  }
  protected testlist(): Ex {
    return this.seq(
      () => this.test(),
      () => this.testStart(),
    );
  }
  protected exprlist(): Ex {
    return this.seq(
      () => this.expr(),
      () => this.exprStart(),
    );
  }

  test(): Ex {
    if (this.isKw('lambda')) return this.lambdef(false);
    const e = this.orTest();
    if (this.isKw('if')) {
      this.i++;
      this.orTest();
      if (!this.isKw('else')) this.fail();
      this.i++;
      this.test();
      return { k: 'ifexp', line: e.line };
    }
    return e;
  }
  protected oldTest(): Ex {
    return this.isKw('lambda') ? this.lambdef(true) : this.orTest();
  }
  protected lambdef(old: boolean): Ex {
    const t = this.eat('lambda');
    if (!this.is(':')) this.varargs(':', t.line);
    this.eat(':');
    this.inScope({ kind: 'function', blocks: [] }, () => (old ? this.oldTest() : this.test()));
    return { k: 'lambda', line: t.line };
  }
  protected binary(next: () => Ex, ops: (t: Py2Token) => boolean, kind = 'op'): Ex {
    const e = next();
    if (!ops(this.cur)) return e;
    while (ops(this.cur)) {
      this.i++;
      next();
    }
    return { k: kind, line: e.line };
  }
  protected orTest(): Ex {
    return this.binary(
      () => this.andTest(),
      (t) => t.t === 'NAME' && t.v === 'or',
    );
  }
  protected andTest(): Ex {
    return this.binary(
      () => this.notTest(),
      (t) => t.t === 'NAME' && t.v === 'and',
    );
  }
  protected notTest(): Ex {
    if (this.isKw('not')) {
      const t = this.cur;
      this.i++;
      this.notTest();
      return { k: 'op', line: t.line };
    }
    return this.comparison();
  }
  protected comparison(): Ex {
    const e = this.expr();
    let cmp = false;
    for (;;) {
      const t = this.cur;
      if (t.t === 'OP' && COMP.has(t.v)) this.i++;
      else if (this.isKw('in')) this.i++;
      else if (this.isKw('not') && this.toks[this.i + 1].t === 'NAME' && this.toks[this.i + 1].v === 'in') this.i += 2;
      else if (this.isKw('not')) {
        this.i++;
        this.fail();
      } else if (this.isKw('is')) {
        this.i++;
        if (this.isKw('not')) this.i++;
      } else break;
      this.expr();
      cmp = true;
    }
    return cmp ? { k: 'compare', line: e.line } : e;
  }
  protected op(...vs: string[]): (t: Py2Token) => boolean {
    return (t) => t.t === 'OP' && vs.includes(t.v);
  }
  expr(): Ex {
    return this.binary(() => this.xorExpr(), this.op('|'));
  }
  protected xorExpr(): Ex {
    return this.binary(() => this.andExpr(), this.op('^'));
  }
  protected andExpr(): Ex {
    return this.binary(() => this.shiftExpr(), this.op('&'));
  }
  protected shiftExpr(): Ex {
    return this.binary(() => this.arith(), this.op('<<', '>>'));
  }
  protected arith(): Ex {
    return this.binary(() => this.term(), this.op('+', '-'));
  }
  protected term(): Ex {
    return this.binary(() => this.factor(), this.op('*', '/', '%', '//'));
  }
  protected factor(): Ex {
    if (this.op('+', '-', '~')(this.cur)) {
      const t = this.cur;
      this.i++;
      this.factor();
      return { k: 'op', line: t.line };
    }
    return this.power();
  }
  protected power(): Ex {
    let e = this.atom();
    for (;;) {
      if (this.is('(')) {
        this.i++;
        if (!this.is(')')) this.arglist();
        this.eat(')');
        e = { k: 'call', line: e.line };
      } else if (this.is('[')) {
        this.i++;
        for (;;) {
          this.subscript();
          if (!this.is(',')) break;
          this.i++;
          if (this.is(']')) break;
        }
        this.eat(']');
        e = { k: 'subscript', line: e.line };
      } else if (this.is('.')) {
        this.i++;
        this.name();
        e = { k: 'attr', line: e.line };
      } else break;
    }
    if (this.is('**')) {
      this.i++;
      this.factor();
      return { k: 'op', line: e.line };
    }
    return e;
  }
  protected subscript(): void {
    if (this.is('.')) {
      this.eat('.');
      this.eat('.');
      this.eat('.');
      return;
    }
    if (!this.is(':')) {
      this.test();
      if (!this.is(':')) return;
    }
    this.i++;
    if (this.testStart()) this.test();
    if (this.is(':')) {
      this.i++;
      if (this.testStart()) this.test();
    }
  }
  protected atom(): Ex {
    const t = this.cur;
    if (t.t === 'NUMBER') {
      this.i++;
      return { k: 'literal', line: t.line };
    }
    if (t.t === 'STRING') {
      while (this.cur.t === 'STRING') {
        this.checkString(this.cur);
        this.i++;
      }
      return { k: 'literal', line: t.line };
    }
    if (t.t === 'NAME') return { k: 'name', line: t.line, name: this.name().v };
    if (t.t !== 'OP') this.fail();
    this.i++;
    switch (t.v) {
      case '(': {
        if (this.is(')')) {
          this.i++;
          return { k: 'tuple', line: t.line, items: [] };
        }
        if (this.isKw('yield')) {
          this.yieldExpr();
          this.eat(')');
          return { k: 'yield', line: t.line };
        }
        const first = this.test();
        if (this.isKw('for')) {
          this.compFor();
          this.eat(')');
          return { k: 'genexp', line: t.line };
        }
        if (!this.is(',')) {
          this.eat(')');
          return first;
        }
        const items = [first];
        while (this.is(',')) {
          this.i++;
          if (!this.testStart()) break;
          items.push(this.test());
        }
        this.eat(')');
        return { k: 'tuple', line: t.line, items };
      }
      case '[': {
        if (this.is(']')) {
          this.i++;
          return { k: 'list', line: t.line, items: [] };
        }
        const first = this.test();
        if (this.isKw('for')) {
          this.listFor();
          this.eat(']');
          return { k: 'listcomp', line: t.line };
        }
        const items = [first];
        while (this.is(',')) {
          this.i++;
          if (!this.testStart()) break;
          items.push(this.test());
        }
        this.eat(']');
        return { k: 'list', line: t.line, items };
      }
      case '{': {
        if (this.is('}')) {
          this.i++;
          return { k: 'literal', line: t.line };
        }
        this.test();
        const dict = this.is(':');
        if (dict) {
          this.i++;
          this.test();
        }
        if (this.isKw('for')) {
          this.compFor();
          this.eat('}');
          return { k: dict ? 'dictcomp' : 'setcomp', line: t.line };
        }
        while (this.is(',')) {
          this.i++;
          if (!this.testStart()) break;
          this.test();
          if (dict) {
            this.eat(':');
            this.test();
          }
        }
        this.eat('}');
        return { k: 'literal', line: t.line };
      }
      case '`':
        this.seq(
          () => this.test(),
          () => this.testStart(),
        );
        this.eat('`');
        return { k: 'repr', line: t.line };
      default:
        this.i--;
        return this.fail();
    }
  }
  protected compFor(): void {
    this.eat('for');
    this.store(this.exprlist(), 'assign');
    this.eat('in');
    this.orTest();
    for (;;) {
      if (this.isKw('for')) {
        this.i++;
        this.store(this.exprlist(), 'assign');
        this.eat('in');
        this.orTest();
      } else if (this.isKw('if')) {
        this.i++;
        this.oldTest();
      } else break;
    }
  }
  protected listFor(): void {
    this.eat('for');
    this.store(this.exprlist(), 'assign');
    this.eat('in');
    this.oldTest();
    if (this.is(',')) {
      this.i++;
      this.oldTest();
      while (this.is(',')) {
        this.i++;
        if (!this.testStart()) break;
        this.oldTest();
      }
    }
    if (this.isKw('for')) this.listFor();
    else if (this.isKw('if')) {
      this.i++;
      this.oldTest();
      this.listIter();
    }
  }
  protected listIter(): void {
    if (this.isKw('for')) this.listFor();
    else if (this.isKw('if')) {
      this.i++;
      this.oldTest();
      this.listIter();
    }
  }

  protected arglist(): void {
    const line = this.cur.line;
    let positional = 0;
    let keywords = 0;
    let gens = 0;
    let star = false;
    const seen = new Set<string>();
    const errs: Py2SyntaxError[] = [];
    for (;;) {
      if (this.is('*')) {
        this.i++;
        this.test();
        star = true;
        while (this.is(',')) {
          this.i++;
          if (this.is('**')) {
            this.i++;
            this.test();
            break;
          }
          this.argument();
        }
        break;
      }
      if (this.is('**')) {
        this.i++;
        this.test();
        break;
      }
      const a = this.argument();
      if (a.gen) gens++;
      else if (a.kw === undefined) {
        positional++;
        if (keywords) errs.push(new Py2SyntaxError('SyntaxError', 'non-keyword arg after keyword arg', a.line));
      } else {
        keywords++;
        if (a.kw === '') errs.push(new Py2SyntaxError('SyntaxError', "keyword can't be an expression", a.line));
        else if (seen.has(a.kw)) errs.push(new Py2SyntaxError('SyntaxError', 'keyword argument repeated', a.line));
        seen.add(a.kw);
      }
      if (!this.is(',')) break;
      this.i++;
      if (this.is(')')) break;
    }
    void star;
    if (gens > 1 || (gens && (positional || keywords)))
      this.ast.push(
        new Py2SyntaxError('SyntaxError', 'Generator expression must be parenthesized if not sole argument', line),
      );
    else pushAll(this.ast, errs);
  }
  protected argument(): { kw?: string; gen?: boolean; line: number } {
    const e = this.test();
    if (this.isKw('for')) {
      this.compFor();
      return { gen: true, line: e.line };
    }
    if (this.is('=')) {
      this.i++;
      this.test();
      return { kw: e.k === 'name' ? e.name! : '', line: e.line };
    }
    return { line: e.line };
  }

  /** String literal checks of the AST stage (`\x` escapes; `\u`/`\U` in unicode literals). */
  protected checkString(t: Py2Token): void {
    const m = /^([a-zA-Z]*)(['"])/.exec(t.v)!;
    const prefix = m[1].toLowerCase();
    const uni = prefix.includes('u');
    const raw = prefix.includes('r');
    if (raw && !uni) return;
    const body = t.v.slice(m[1].length);
    for (let k = 0; k < body.length; k++) {
      if (body[k] !== '\\') continue;
      const c = body[k + 1];
      if (!raw && c === 'x' && !/^[0-9a-fA-F]{2}$/.test(body.slice(k + 2, k + 4))) {
        if (uni)
          this.ast.push(
            new Py2SyntaxError(
              'SyntaxError',
              "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape",
              t.line,
            ),
          );
        else this.ast.push(new Py2SyntaxError('ValueError', 'invalid \\x escape', t.line));
        return;
      }
      if (uni && (c === 'u' || c === 'U')) {
        const len = c === 'u' ? 4 : 8;
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(body.slice(k + 2, k + 2 + len))) {
          this.ast.push(
            new Py2SyntaxError(
              'SyntaxError',
              `(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\${c}XXXX escape`,
              t.line,
            ),
          );
          return;
        }
      }
      k++;
    }
  }
}
