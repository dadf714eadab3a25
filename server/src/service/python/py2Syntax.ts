/**
 * Does CPython 2.7 `compile()` accept an actions.py, and where does it stop? A predictive parser of the Python 2.7
 * grammar (Grammar/Grammar, LL(1) like CPython's, so it fails on the same token), then the checks CPython makes
 * after parsing, in its order: AST (assignment targets, call arguments, defaults, string escapes), future imports,
 * symbol table (duplicate arguments, `return` with a value in a generator), compiler (`return`/`yield` outside a
 * function, `break`/`continue` outside a loop, bare `except:` not last). Conformance: test/unit/conformance.
 */
import { py2Tokenize, Py2SyntaxError, type Py2Token } from './py2Tokenize';

export { Py2SyntaxError };

interface Ex { k: string; line: number; name?: string; items?: Ex[] }

const KW = new Set(['and', 'as', 'assert', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'exec', 'finally', 'for',
  'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'not', 'or', 'pass', 'print', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const AUG = new Set(['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '**=', '//=']);
const COMP = new Set(['<', '>', '==', '>=', '<=', '<>', '!=']);
const FUTURES = new Set(['nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function', 'unicode_literals']);
const TARGET_NAMES: Record<string, string> = {
  literal: 'literal', call: 'function call', op: 'operator', lambda: 'lambda', ifexp: 'conditional expression', compare: 'comparison',
  repr: 'repr', yield: 'yield expression', genexp: 'generator expression', listcomp: 'list comprehension', dictcomp: 'dict comprehension', setcomp: 'set comprehension',
};

interface Scope { kind: 'module' | 'function' | 'class'; blocks: Array<'loop' | 'finally'>; yieldLine?: number; returnLine?: number }

class Parser {
  private i = 0;
  private printFunction = false;
  private scope: Scope = { kind: 'module', blocks: [] };
  readonly ast: Py2SyntaxError[] = [];
  readonly future: Py2SyntaxError[] = [];
  readonly sym: Py2SyntaxError[] = [];
  readonly comp: Py2SyntaxError[] = [];
  private futureAllowed = true;

  constructor(private readonly toks: Py2Token[]) {}

  private get cur(): Py2Token {
    const t = this.toks[this.i];
    if (t.t === 'ERROR') throw t.err!;
    return t;
  }
  private tt(): Py2Token['t'] { return this.cur.t; }
  private is(v: string): boolean { const t = this.cur; return (t.t === 'OP' || t.t === 'NAME') && t.v === v; }
  private isKw(v: string): boolean { return this.cur.t === 'NAME' && this.cur.v === v && (v !== 'print' || !this.printFunction); }
  private fail(expectIndent = false): never {
    const t = this.cur;
    if (expectIndent) throw new Py2SyntaxError('IndentationError', 'expected an indented block', t.line);
    if (t.t === 'INDENT') throw new Py2SyntaxError('IndentationError', 'unexpected indent', t.line);
    if (t.t === 'DEDENT') throw new Py2SyntaxError('IndentationError', 'unexpected unindent', t.line);
    throw new Py2SyntaxError('SyntaxError', t.t === 'ENDMARKER' ? 'unexpected EOF while parsing' : 'invalid syntax', t.line);
  }
  private eat(v: string): Py2Token { if (!this.is(v)) this.fail(); return this.toks[this.i++]; }
  private name(): Py2Token {
    const t = this.cur;
    if (t.t !== 'NAME' || this.keyword(t)) this.fail();
    this.i++;
    return t;
  }
  private keyword(t: Py2Token): boolean { return t.t === 'NAME' && KW.has(t.v) && !(t.v === 'print' && this.printFunction); }
  private exprStart(): boolean {
    const t = this.cur;
    if (t.t === 'NUMBER' || t.t === 'STRING') return true;
    if (t.t === 'NAME') return !this.keyword(t);
    return t.t === 'OP' && '([{`-+~'.includes(t.v) && t.v.length === 1;
  }
  private testStart(): boolean { return this.exprStart() || this.isKw('not') || this.isKw('lambda'); }

  file(): void {
    while (this.cur.t !== 'ENDMARKER') {
      if (this.cur.t === 'NEWLINE') { this.i++; continue; }
      this.stmt(true);
    }
  }

  private stmt(top = false): void {
    const t = this.cur;
    if (t.t === 'NAME' && !(t.v === 'print' && this.printFunction)) {
      switch (t.v) {
        case 'if': this.futureAllowed = false; return this.ifStmt();
        case 'while': this.futureAllowed = false; return this.loop(() => { this.i++; this.test(); this.eat(':'); }, true);
        case 'for': this.futureAllowed = false; return this.loop(() => { this.i++; this.store(this.exprlist(), 'assign'); this.eat('in'); this.testlist(); this.eat(':'); }, true);
        case 'try': this.futureAllowed = false; return this.tryStmt();
        case 'with': this.futureAllowed = false; return this.withStmt();
        case 'def': this.futureAllowed = false; return this.funcdef();
        case 'class': this.futureAllowed = false; return this.classdef();
        default:
      }
    }
    if (this.is('@')) {
      this.futureAllowed = false;
      while (this.is('@')) {
        this.i++;
        this.name();
        while (this.is('.')) { this.i++; this.name(); }
        if (this.is('(')) { this.i++; if (!this.is(')')) this.arglist(); this.eat(')'); }
        if (this.cur.t !== 'NEWLINE') this.fail();
        this.i++;
      }
      if (this.isKw('def')) return this.funcdef();
      if (this.isKw('class')) return this.classdef();
      this.fail();
    }
    this.simpleStmt(top);
  }

  private suite(): void {
    if (this.tt() !== 'NEWLINE') return this.simpleStmt(false);
    this.i++;
    if (this.tt() !== 'INDENT') this.fail(true);
    this.i++;
    do this.stmt(); while (this.tt() !== 'DEDENT' && this.tt() !== 'ENDMARKER');
    if (this.tt() === 'DEDENT') this.i++;
  }

  private ifStmt(): void {
    this.i++; this.test(); this.eat(':'); this.suite();
    while (this.isKw('elif')) { this.i++; this.test(); this.eat(':'); this.suite(); }
    if (this.isKw('else')) { this.i++; this.eat(':'); this.suite(); }
  }

  private loop(head: () => void, hasElse: boolean): void {
    head();
    this.scope.blocks.push('loop');
    this.suite();
    this.scope.blocks.pop();
    if (hasElse && this.isKw('else')) { this.i++; this.eat(':'); this.suite(); }
  }

  private tryStmt(): void {
    this.i++; this.eat(':'); this.suite();
    if (this.isKw('finally')) return this.finallyClause();
    if (!this.isKw('except')) this.fail();
    let bare: number | undefined;
    while (this.isKw('except')) {
      const line = this.cur.line;
      this.i++;
      if (bare !== undefined) this.comp.push(new Py2SyntaxError('SyntaxError', "default 'except:' must be last", bare));
      if (this.testStart()) {
        this.test();
        if (this.isKw('as') || this.is(',')) { this.i++; this.store(this.test(), 'assign'); }
      } else bare ??= line;
      this.eat(':'); this.suite();
    }
    if (this.isKw('else')) { this.i++; this.eat(':'); this.suite(); }
    if (this.isKw('finally')) this.finallyClause();
  }

  private finallyClause(): void {
    this.i++; this.eat(':');
    this.scope.blocks.push('finally');
    this.suite();
    this.scope.blocks.pop();
  }

  private withStmt(): void {
    this.i++;
    for (;;) {
      this.test();
      if (this.isKw('as')) { this.i++; this.store(this.expr(), 'assign'); }
      if (!this.is(',')) break;
      this.i++;
    }
    this.eat(':'); this.suite();
  }

  private inScope(s: Scope, body: () => void): Scope {
    const prev = this.scope;
    this.scope = s;
    try { body(); } finally { this.scope = prev; }
    return s;
  }

  private funcdef(): void {
    const line = this.cur.line;
    this.i++; this.name(); this.eat('(');
    if (!this.is(')')) this.varargs(')', line);
    this.eat(')'); this.eat(':');
    const s = this.inScope({ kind: 'function', blocks: [] }, () => this.suite());
    if (s.yieldLine !== undefined && s.returnLine !== undefined) this.sym.push(new Py2SyntaxError('SyntaxError', "'return' with argument inside generator", Math.max(s.yieldLine, s.returnLine)));
  }

  private classdef(): void {
    this.i++; this.name();
    if (this.is('(')) { this.i++; if (!this.is(')')) this.testlist(); this.eat(')'); }
    this.eat(':');
    this.inScope({ kind: 'class', blocks: [] }, () => this.suite());
  }

  /** varargslist / parameters, up to `end` (')' or ':'). */
  private varargs(end: string, defLine: number): void {
    const names: string[] = [];
    let defaults = false;
    const fpdef = (): void => {
      if (this.is('(')) {
        this.i++;
        for (;;) { fpdef(); if (!this.is(',')) break; this.i++; if (this.is(')')) break; }
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
        if (star === '*' && this.is(',')) { this.i++; this.eat('**'); names.push(this.name().v); }
        break;
      }
      const line = this.cur.line;
      fpdef();
      if (this.is('=')) { this.i++; this.test(); defaults = true; } else if (defaults) this.ast.push(new Py2SyntaxError('SyntaxError', 'non-default argument follows default argument', line));
      if (!this.is(',')) break;
      this.i++;
      if (this.is(end)) break;
    }
    const dup = names.find((x, k) => names.indexOf(x) !== k);
    if (dup) this.sym.push(new Py2SyntaxError('SyntaxError', `duplicate argument '${dup}' in function definition`, defLine));
  }

  private simpleStmt(top: boolean): void {
    for (;;) {
      this.smallStmt(top);
      if (!this.is(';')) break;
      this.i++;
      if (this.cur.t === 'NEWLINE') break;
    }
    if (this.cur.t !== 'NEWLINE') this.fail();
    this.i++;
  }

  private smallStmt(top: boolean): void {
    const t = this.cur;
    const kw = this.keyword(t) ? t.v : '';
    const wasFuture = this.futureAllowed;
    if (kw !== 'from') this.futureAllowed = top && wasFuture && t.t === 'STRING' && this.toks[this.i + 1].t === 'NEWLINE';
    switch (kw) {
      case 'print':
        this.i++;
        if (this.is('>>')) {
          this.i++; this.test();
          if (this.is(',')) { do { this.i++; if (!this.testStart()) break; this.test(); } while (this.is(',')); }
        } else if (this.testStart()) {
          this.test();
          while (this.is(',')) { this.i++; if (!this.testStart()) break; this.test(); }
        }
        return;
      case 'del': this.i++; this.store(this.exprlist(), 'del'); return;
      case 'pass': this.i++; return;
      case 'break':
        this.i++;
        if (!this.scope.blocks.includes('loop')) this.comp.push(new Py2SyntaxError('SyntaxError', "'break' outside loop", t.line));
        return;
      case 'continue': {
        this.i++;
        const b = this.scope.blocks;
        const top2 = b.lastIndexOf('loop');
        if (top2 < 0) this.comp.push(new Py2SyntaxError('SyntaxError', "'continue' not properly in loop", t.line));
        else if (b.indexOf('finally', top2) > top2) this.comp.push(new Py2SyntaxError('SyntaxError', "'continue' not supported inside 'finally' clause", t.line));
        return;
      }
      case 'return':
        this.i++;
        if (this.scope.kind !== 'function') this.comp.push(new Py2SyntaxError('SyntaxError', "'return' outside function", t.line));
        if (this.testStart()) { this.testlist(); if (this.scope.kind === 'function') this.scope.returnLine ??= t.line; }
        return;
      case 'raise':
        this.i++;
        if (this.testStart()) { this.test(); if (this.is(',')) { this.i++; this.test(); if (this.is(',')) { this.i++; this.test(); } } }
        return;
      case 'yield': this.yieldExpr(); return;
      case 'import':
        this.i++;
        for (;;) {
          this.name(); while (this.is('.')) { this.i++; this.name(); }
          if (this.isKw('as')) { this.i++; this.name(); }
          if (!this.is(',')) break;
          this.i++;
        }
        return;
      case 'from': return this.importFrom(top && wasFuture);
      case 'global':
        this.i++; this.name();
        while (this.is(',')) { this.i++; this.name(); }
        return;
      case 'exec':
        this.i++; this.expr();
        if (this.isKw('in')) { this.i++; this.test(); if (this.is(',')) { this.i++; this.test(); } }
        return;
      case 'assert':
        this.i++; this.test();
        if (this.is(',')) { this.i++; this.test(); }
        return;
      default:
    }
    this.exprStmt();
  }

  private importFrom(futureOk: boolean): void {
    const line = this.cur.line;
    this.i++;
    let mod = '';
    let dots = 0;
    while (this.is('.')) { this.i++; dots++; }
    if (this.cur.t === 'NAME' && !this.isKw('import')) {
      mod = this.name().v;
      while (this.is('.')) { this.i++; mod += '.' + this.name().v; }
    } else if (!dots) this.fail();
    this.eat('import');
    const names: string[] = [];
    if (this.is('*')) { this.i++; names.push('*'); } else {
      const paren = this.is('(');
      if (paren) this.i++;
      for (;;) {
        names.push(this.name().v);
        if (this.isKw('as')) { this.i++; this.name(); }
        if (!this.is(',')) break;
        this.i++;
        if (paren ? this.is(')') : this.cur.t === 'NEWLINE' || this.is(';')) {
          if (!paren) this.ast.push(new Py2SyntaxError('SyntaxError', 'trailing comma not allowed without surrounding parentheses', line));
          break;
        }
      }
      if (paren) this.eat(')');
    }
    if (mod === '__future__' && !dots) {
      if (!futureOk) this.future.push(new Py2SyntaxError('SyntaxError', 'from __future__ imports must occur at the beginning of the file', line));
      for (const n of names) {
        if (n === 'braces') this.future.push(new Py2SyntaxError('SyntaxError', 'not a chance', line));
        else if (!FUTURES.has(n)) this.future.push(new Py2SyntaxError('SyntaxError', `future feature ${n} is not defined`, line));
      }
      if (names.includes('print_function')) this.printFunction = true;
      this.futureAllowed = futureOk;
    } else this.futureAllowed = false;
  }

  private exprStmt(): void {
    const first = this.testlist();
    if (this.cur.t === 'OP' && AUG.has(this.cur.v)) {
      if (!['name', 'attr', 'subscript'].includes(first.k)) this.ast.push(new Py2SyntaxError('SyntaxError', 'illegal expression for augmented assignment', first.line));
      else this.store(first, 'assign');
      this.i++;
      if (this.isKw('yield')) this.yieldExpr(); else this.testlist();
      return;
    }
    let target = first;
    while (this.is('=')) {
      this.store(target, 'assign');
      this.i++;
      target = this.isKw('yield') ? this.yieldExpr() : this.testlist();
    }
  }

  /** set_context: what may be assigned to or deleted. */
  private store(e: Ex, ctx: 'assign' | 'del'): void {
    const verb = ctx === 'del' ? "can't delete" : "can't assign to";
    switch (e.k) {
      case 'attr': case 'subscript': return;
      case 'name':
        if (e.name === 'None') this.ast.push(new Py2SyntaxError('SyntaxError', ctx === 'del' ? 'deleting None' : 'cannot assign to None', e.line));
        return;
      case 'tuple': case 'list':
        if (e.k === 'tuple' && !e.items!.length) this.ast.push(new Py2SyntaxError('SyntaxError', `${verb} ()`, e.line));
        for (const x of e.items!) this.store(x, ctx);
        return;
      default:
        this.ast.push(new Py2SyntaxError('SyntaxError', `${verb} ${TARGET_NAMES[e.k] ?? 'literal'}`, e.line));
    }
  }

  private yieldExpr(): Ex {
    const t = this.eat('yield');
    if (this.scope.kind !== 'function') this.comp.push(new Py2SyntaxError('SyntaxError', "'yield' outside function", t.line));
    else this.scope.yieldLine ??= t.line;
    if (this.testStart()) this.testlist();
    return { k: 'yield', line: t.line };
  }

  private seq(item: () => Ex, more: () => boolean, k: 'tuple' | 'list' = 'tuple'): Ex {
    const line = this.cur.line;
    const first = item();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.is(',')) { this.i++; if (!more()) break; items.push(item()); }
    return { k, line, items };
  }
  private testlist(): Ex { return this.seq(() => this.test(), () => this.testStart()); }
  private exprlist(): Ex { return this.seq(() => this.expr(), () => this.exprStart()); }

  test(): Ex {
    if (this.isKw('lambda')) return this.lambdef(false);
    const e = this.orTest();
    if (this.isKw('if')) { this.i++; this.orTest(); if (!this.isKw('else')) this.fail(); this.i++; this.test(); return { k: 'ifexp', line: e.line }; }
    return e;
  }
  private oldTest(): Ex { return this.isKw('lambda') ? this.lambdef(true) : this.orTest(); }
  private lambdef(old: boolean): Ex {
    const t = this.eat('lambda');
    if (!this.is(':')) this.varargs(':', t.line);
    this.eat(':');
    this.inScope({ kind: 'function', blocks: [] }, () => (old ? this.oldTest() : this.test()));
    return { k: 'lambda', line: t.line };
  }
  private binary(next: () => Ex, ops: (t: Py2Token) => boolean, kind = 'op'): Ex {
    const e = next();
    if (!ops(this.cur)) return e;
    while (ops(this.cur)) { this.i++; next(); }
    return { k: kind, line: e.line };
  }
  private orTest(): Ex { return this.binary(() => this.andTest(), (t) => t.t === 'NAME' && t.v === 'or'); }
  private andTest(): Ex { return this.binary(() => this.notTest(), (t) => t.t === 'NAME' && t.v === 'and'); }
  private notTest(): Ex {
    if (this.isKw('not')) { const t = this.cur; this.i++; this.notTest(); return { k: 'op', line: t.line }; }
    return this.comparison();
  }
  private comparison(): Ex {
    const e = this.expr();
    let cmp = false;
    for (;;) {
      const t = this.cur;
      if (t.t === 'OP' && COMP.has(t.v)) this.i++;
      else if (this.isKw('in')) this.i++;
      else if (this.isKw('not') && this.toks[this.i + 1].t === 'NAME' && this.toks[this.i + 1].v === 'in') this.i += 2;
      else if (this.isKw('not')) { this.i++; this.fail(); } else if (this.isKw('is')) { this.i++; if (this.isKw('not')) this.i++; } else break;
      this.expr();
      cmp = true;
    }
    return cmp ? { k: 'compare', line: e.line } : e;
  }
  private op(...vs: string[]): (t: Py2Token) => boolean { return (t) => t.t === 'OP' && vs.includes(t.v); }
  expr(): Ex { return this.binary(() => this.xorExpr(), this.op('|')); }
  private xorExpr(): Ex { return this.binary(() => this.andExpr(), this.op('^')); }
  private andExpr(): Ex { return this.binary(() => this.shiftExpr(), this.op('&')); }
  private shiftExpr(): Ex { return this.binary(() => this.arith(), this.op('<<', '>>')); }
  private arith(): Ex { return this.binary(() => this.term(), this.op('+', '-')); }
  private term(): Ex { return this.binary(() => this.factor(), this.op('*', '/', '%', '//')); }
  private factor(): Ex {
    if (this.op('+', '-', '~')(this.cur)) { const t = this.cur; this.i++; this.factor(); return { k: 'op', line: t.line }; }
    return this.power();
  }
  private power(): Ex {
    let e = this.atom();
    for (;;) {
      if (this.is('(')) { this.i++; if (!this.is(')')) this.arglist(); this.eat(')'); e = { k: 'call', line: e.line }; } else if (this.is('[')) {
        this.i++;
        for (;;) { this.subscript(); if (!this.is(',')) break; this.i++; if (this.is(']')) break; }
        this.eat(']');
        e = { k: 'subscript', line: e.line };
      } else if (this.is('.')) { this.i++; this.name(); e = { k: 'attr', line: e.line }; } else break;
    }
    if (this.is('**')) { this.i++; this.factor(); return { k: 'op', line: e.line }; }
    return e;
  }
  private subscript(): void {
    if (this.is('.')) { this.eat('.'); this.eat('.'); this.eat('.'); return; }
    if (!this.is(':')) { this.test(); if (!this.is(':')) return; }
    this.i++;
    if (this.testStart()) this.test();
    if (this.is(':')) { this.i++; if (this.testStart()) this.test(); }
  }
  private atom(): Ex {
    const t = this.cur;
    if (t.t === 'NUMBER') { this.i++; return { k: 'literal', line: t.line }; }
    if (t.t === 'STRING') {
      while (this.cur.t === 'STRING') { this.checkString(this.cur); this.i++; }
      return { k: 'literal', line: t.line };
    }
    if (t.t === 'NAME') return { k: 'name', line: t.line, name: this.name().v };
    if (t.t !== 'OP') this.fail();
    this.i++;
    switch (t.v) {
      case '(': {
        if (this.is(')')) { this.i++; return { k: 'tuple', line: t.line, items: [] }; }
        if (this.isKw('yield')) { this.yieldExpr(); this.eat(')'); return { k: 'yield', line: t.line }; }
        const first = this.test();
        if (this.isKw('for')) { this.compFor(); this.eat(')'); return { k: 'genexp', line: t.line }; }
        if (!this.is(',')) { this.eat(')'); return first; }
        const items = [first];
        while (this.is(',')) { this.i++; if (!this.testStart()) break; items.push(this.test()); }
        this.eat(')');
        return { k: 'tuple', line: t.line, items };
      }
      case '[': {
        if (this.is(']')) { this.i++; return { k: 'list', line: t.line, items: [] }; }
        const first = this.test();
        if (this.isKw('for')) { this.listFor(); this.eat(']'); return { k: 'listcomp', line: t.line }; }
        const items = [first];
        while (this.is(',')) { this.i++; if (!this.testStart()) break; items.push(this.test()); }
        this.eat(']');
        return { k: 'list', line: t.line, items };
      }
      case '{': {
        if (this.is('}')) { this.i++; return { k: 'literal', line: t.line }; }
        this.test();
        const dict = this.is(':');
        if (dict) { this.i++; this.test(); }
        if (this.isKw('for')) { this.compFor(); this.eat('}'); return { k: dict ? 'dictcomp' : 'setcomp', line: t.line }; }
        while (this.is(',')) {
          this.i++;
          if (!this.testStart()) break;
          this.test();
          if (dict) { this.eat(':'); this.test(); }
        }
        this.eat('}');
        return { k: 'literal', line: t.line };
      }
      case '`':
        this.seq(() => this.test(), () => this.testStart());
        this.eat('`');
        return { k: 'repr', line: t.line };
      default:
        this.i--;
        return this.fail();
    }
  }
  private compFor(): void {
    this.eat('for'); this.store(this.exprlist(), 'assign'); this.eat('in'); this.orTest();
    for (;;) {
      if (this.isKw('for')) { this.i++; this.store(this.exprlist(), 'assign'); this.eat('in'); this.orTest(); } else if (this.isKw('if')) { this.i++; this.oldTest(); } else break;
    }
  }
  private listFor(): void {
    this.eat('for'); this.store(this.exprlist(), 'assign'); this.eat('in');
    this.oldTest();
    if (this.is(',')) {
      this.i++;
      this.oldTest();
      while (this.is(',')) { this.i++; if (!this.testStart()) break; this.oldTest(); }
    }
    if (this.isKw('for')) this.listFor();
    else if (this.isKw('if')) { this.i++; this.oldTest(); this.listIter(); }
  }
  private listIter(): void {
    if (this.isKw('for')) this.listFor();
    else if (this.isKw('if')) { this.i++; this.oldTest(); this.listIter(); }
  }

  private arglist(): void {
    const line = this.cur.line;
    let positional = 0;
    let keywords = 0;
    let gens = 0;
    let star = false;
    const seen = new Set<string>();
    const errs: Py2SyntaxError[] = [];
    for (;;) {
      if (this.is('*')) {
        this.i++; this.test(); star = true;
        while (this.is(',')) {
          this.i++;
          if (this.is('**')) { this.i++; this.test(); break; }
          this.argument();
        }
        break;
      }
      if (this.is('**')) { this.i++; this.test(); break; }
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
    if (gens > 1 || (gens && (positional || keywords))) this.ast.push(new Py2SyntaxError('SyntaxError', 'Generator expression must be parenthesized if not sole argument', line));
    else this.ast.push(...errs);
  }
  private argument(): { kw?: string; gen?: boolean; line: number } {
    const e = this.test();
    if (this.isKw('for')) { this.compFor(); return { gen: true, line: e.line }; }
    if (this.is('=')) {
      this.i++; this.test();
      return { kw: e.k === 'name' ? e.name! : '', line: e.line };
    }
    return { line: e.line };
  }

  /** String literal checks of the AST stage (`\x` escapes; `\u`/`\U` in unicode literals). */
  private checkString(t: Py2Token): void {
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
        if (uni) this.ast.push(new Py2SyntaxError('SyntaxError', "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape", t.line));
        else this.ast.push(new Py2SyntaxError('ValueError', 'invalid \\x escape', t.line));
        return;
      }
      if (uni && (c === 'u' || c === 'U')) {
        const len = c === 'u' ? 4 : 8;
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(body.slice(k + 2, k + 2 + len))) {
          this.ast.push(new Py2SyntaxError('SyntaxError', `(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\${c}XXXX escape`, t.line));
          return;
        }
      }
      k++;
    }
  }
}

/** The error CPython 2.7 `compile()` raises for `text`, or undefined when it compiles. */
export function py2CompileError(text: string): Py2SyntaxError | undefined {
  try {
    const p = new Parser(py2Tokenize(text));
    p.file();
    return p.ast[0] ?? p.future[0] ?? p.sym[0] ?? p.comp[0];
  } catch (e) {
    if (e instanceof Py2SyntaxError) return e;
    if (e instanceof RangeError) return new Py2SyntaxError('SyntaxError', 'too many nested parentheses or statements', 1);
    throw e;
  }
}
