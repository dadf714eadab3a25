/**
 * The base of the Python 2.7 expression parser (py2Expr.ts): tokens, scopes, the collected post-parse errors (by
 * CPython stage), and the atoms, literals and trailers (Grammar/Grammar `power`, `atom`, comprehensions) with the
 * checks CPython makes on them: assignment targets, string escapes. The operators are in the derived Py2ExprParser.
 */
import { Py2SyntaxError, type Py2Token } from './py2Tokenize';
import { KW, TARGET_NAMES, type Ex, type Scope } from './py2Tables';

/** Tokens, scopes and the collected post-parse errors (by CPython stage), plus atoms, literals and trailers. */
export abstract class Py2ExprBase {
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
  /** Steps over the operator or name `v` when it is the current token; says whether it did. */
  protected accept(v: string): boolean {
    if (!this.is(v)) return false;
    this.i++;
    return true;
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

  abstract test(): Ex;
  protected abstract orTest(): Ex;
  protected abstract oldTest(): Ex;
  protected abstract factor(): Ex;
  protected abstract exprlist(): Ex;
  protected abstract yieldExpr(): Ex;
  protected abstract arglist(): void;

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
    if (this.accept(':')) if (this.testStart()) this.test();
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
