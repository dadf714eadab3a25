/**
 * Does CPython 2.7 `compile()` accept an actions.py, and where does it stop? A predictive parser of the Python 2.7
 * grammar (Grammar/Grammar, LL(1) like CPython's, so it fails on the same token), then the checks CPython makes
 * after parsing, in its order: AST (assignment targets, call arguments, defaults, string escapes), future imports,
 * symbol table (duplicate arguments, `return` with a value in a generator), compiler (`return`/`yield` outside a
 * function, `break`/`continue` outside a loop, bare `except:` not last). Conformance: test/unit/conformance.
 */
import { py2Tokenize, Py2SyntaxError } from './py2Tokenize';
import { Py2SimpleStmtParser } from './Py2SimpleStmtParser';

export { Py2SyntaxError };

class Parser extends Py2SimpleStmtParser {
  file(): void {
    while (this.cur.t !== 'ENDMARKER') {
      if (this.cur.t === 'NEWLINE') {
        this.i++;
        continue;
      }
      this.stmt(true);
    }
  }

  private stmt(top = false): void {
    const t = this.cur;
    if (t.t === 'NAME' && !(t.v === 'print' && this.printFunction)) {
      switch (t.v) {
        case 'if':
          this.futureAllowed = false;
          return this.ifStmt();
        case 'while':
          this.futureAllowed = false;
          return this.loop(() => {
            this.i++;
            this.test();
            this.eat(':');
          }, true);
        case 'for':
          this.futureAllowed = false;
          return this.loop(() => {
            this.i++;
            this.store(this.exprlist(), 'assign');
            this.eat('in');
            this.testlist();
            this.eat(':');
          }, true);
        case 'try':
          this.futureAllowed = false;
          return this.tryStmt();
        case 'with':
          this.futureAllowed = false;
          return this.withStmt();
        case 'def':
          this.futureAllowed = false;
          return this.funcdef();
        case 'class':
          this.futureAllowed = false;
          return this.classdef();
        default:
      }
    }
    if (this.is('@')) {
      this.futureAllowed = false;
      while (this.is('@')) {
        this.i++;
        this.name();
        while (this.accept('.')) this.name();
        if (this.is('(')) {
          this.i++;
          if (!this.is(')')) this.arglist();
          this.eat(')');
        }
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
    do this.stmt();
    while (this.tt() !== 'DEDENT' && this.tt() !== 'ENDMARKER');
    if (this.tt() === 'DEDENT') this.i++;
  }

  private ifStmt(): void {
    this.i++;
    this.test();
    this.eat(':');
    this.suite();
    while (this.isKw('elif')) {
      this.i++;
      this.test();
      this.eat(':');
      this.suite();
    }
    this.elseClause();
  }

  /** An optional `else:` clause (of if, for, while, try). */
  private elseClause(): void {
    if (!this.isKw('else')) return;
    this.i++;
    this.eat(':');
    this.suite();
  }

  private loop(head: () => void, hasElse: boolean): void {
    head();
    this.scope.blocks.push('loop');
    this.suite();
    this.scope.blocks.pop();
    if (hasElse) this.elseClause();
  }

  private tryStmt(): void {
    this.i++;
    this.eat(':');
    this.suite();
    if (this.isKw('finally')) return this.finallyClause();
    if (!this.isKw('except')) this.fail();
    let bare: number | undefined;
    while (this.isKw('except')) {
      const line = this.cur.line;
      this.i++;
      if (bare !== undefined) this.comp.push(new Py2SyntaxError('SyntaxError', "default 'except:' must be last", bare));
      if (this.testStart()) {
        this.test();
        if (this.isKw('as') || this.is(',')) {
          this.i++;
          this.store(this.test(), 'assign');
        }
      } else bare ??= line;
      this.eat(':');
      this.suite();
    }
    this.elseClause();
    if (this.isKw('finally')) this.finallyClause();
  }

  private finallyClause(): void {
    this.i++;
    this.eat(':');
    this.scope.blocks.push('finally');
    this.suite();
    this.scope.blocks.pop();
  }

  private withStmt(): void {
    this.i++;
    for (;;) {
      this.test();
      if (this.isKw('as')) {
        this.i++;
        this.store(this.expr(), 'assign');
      }
      if (!this.is(',')) break;
      this.i++;
    }
    this.eat(':');
    this.suite();
  }

  private funcdef(): void {
    const line = this.cur.line;
    this.i++;
    this.name();
    this.eat('(');
    if (!this.is(')')) this.varargs(')', line);
    this.eat(')');
    this.eat(':');
    const s = this.inScope({ kind: 'function', blocks: [] }, () => this.suite());
    if (s.yieldLine !== undefined && s.returnLine !== undefined)
      this.sym.push(
        new Py2SyntaxError(
          'SyntaxError',
          "'return' with argument inside generator",
          Math.max(s.yieldLine, s.returnLine),
        ),
      );
  }

  private classdef(): void {
    this.i++;
    this.name();
    if (this.is('(')) {
      this.i++;
      if (!this.is(')')) this.testlist();
      this.eat(')');
    }
    this.eat(':');
    this.inScope({ kind: 'class', blocks: [] }, () => this.suite());
  }

  /** varargslist / parameters, up to `end` (')' or ':'). */
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
}

/** The error CPython 2.7 `compile()` raises for `text`, or undefined when it compiles. */
export function py2CompileError(text: string): Py2SyntaxError | undefined {
  try {
    const p = new Parser(py2Tokenize(text));
    p.file();
    return p.ast[0] ?? p.future[0] ?? p.sym[0] ?? p.comp[0];
  } catch (e) {
    if (e instanceof Py2SyntaxError) return e;
    if (e instanceof RangeError)
      return new Py2SyntaxError('SyntaxError', 'too many nested parentheses or statements', 1);
    throw e;
  }
}
