/**
 * Does CPython 2.7 `compile()` accept an actions.py, and where does it stop? A predictive parser of the Python 2.7
 * grammar (Grammar/Grammar, LL(1) like CPython's, so it fails on the same token), then the checks CPython makes
 * after parsing, in its order: AST (assignment targets, call arguments, defaults, string escapes), future imports,
 * symbol table (duplicate arguments, `return` with a value in a generator), compiler (`return`/`yield` outside a
 * function, `break`/`continue` outside a loop, bare `except:` not last). Conformance: test/unit/conformance.
 */
import { py2Tokenize, Py2SyntaxError } from './py2Tokenize';
import { FUTURES, AUG, Py2ExprParser } from './py2Expr';

export { Py2SyntaxError };

class Parser extends Py2ExprParser {
  private futureAllowed = true;

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
        while (this.is('.')) {
          this.i++;
          this.name();
        }
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
    if (this.isKw('else')) {
      this.i++;
      this.eat(':');
      this.suite();
    }
  }

  private loop(head: () => void, hasElse: boolean): void {
    head();
    this.scope.blocks.push('loop');
    this.suite();
    this.scope.blocks.pop();
    if (hasElse && this.isKw('else')) {
      this.i++;
      this.eat(':');
      this.suite();
    }
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
    if (this.isKw('else')) {
      this.i++;
      this.eat(':');
      this.suite();
    }
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

  private smallStmt(top: boolean): void {
    const t = this.cur;
    const kw = this.keyword(t) ? t.v : '';
    const wasFuture = this.futureAllowed;
    if (kw !== 'from')
      this.futureAllowed = top && wasFuture && t.t === 'STRING' && this.toks[this.i + 1].t === 'NEWLINE';
    switch (kw) {
      case 'print':
        this.i++;
        if (this.is('>>')) {
          this.i++;
          this.test();
          if (this.is(',')) {
            do {
              this.i++;
              if (!this.testStart()) break;
              this.test();
            } while (this.is(','));
          }
        } else if (this.testStart()) {
          this.test();
          while (this.is(',')) {
            this.i++;
            if (!this.testStart()) break;
            this.test();
          }
        }
        return;
      case 'del':
        this.i++;
        this.store(this.exprlist(), 'del');
        return;
      case 'pass':
        this.i++;
        return;
      case 'break':
        this.i++;
        if (!this.scope.blocks.includes('loop'))
          this.comp.push(new Py2SyntaxError('SyntaxError', "'break' outside loop", t.line));
        return;
      case 'continue': {
        this.i++;
        const b = this.scope.blocks;
        const top2 = b.lastIndexOf('loop');
        if (top2 < 0) this.comp.push(new Py2SyntaxError('SyntaxError', "'continue' not properly in loop", t.line));
        else if (b.indexOf('finally', top2) > top2)
          this.comp.push(new Py2SyntaxError('SyntaxError', "'continue' not supported inside 'finally' clause", t.line));
        return;
      }
      case 'return':
        this.i++;
        if (this.scope.kind !== 'function')
          this.comp.push(new Py2SyntaxError('SyntaxError', "'return' outside function", t.line));
        if (this.testStart()) {
          this.testlist();
          if (this.scope.kind === 'function') this.scope.returnLine ??= t.line;
        }
        return;
      case 'raise':
        this.i++;
        if (this.testStart()) {
          this.test();
          if (this.is(',')) {
            this.i++;
            this.test();
            if (this.is(',')) {
              this.i++;
              this.test();
            }
          }
        }
        return;
      case 'yield':
        this.yieldExpr();
        return;
      case 'import':
        this.i++;
        for (;;) {
          this.name();
          while (this.is('.')) {
            this.i++;
            this.name();
          }
          if (this.isKw('as')) {
            this.i++;
            this.name();
          }
          if (!this.is(',')) break;
          this.i++;
        }
        return;
      case 'from':
        return this.importFrom(top && wasFuture);
      case 'global':
        this.i++;
        this.name();
        while (this.is(',')) {
          this.i++;
          this.name();
        }
        return;
      case 'exec':
        this.i++;
        this.expr();
        if (this.isKw('in')) {
          this.i++;
          this.test();
          if (this.is(',')) {
            this.i++;
            this.test();
          }
        }
        return;
      case 'assert':
        this.i++;
        this.test();
        if (this.is(',')) {
          this.i++;
          this.test();
        }
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
    while (this.is('.')) {
      this.i++;
      dots++;
    }
    if (this.cur.t === 'NAME' && !this.isKw('import')) {
      mod = this.name().v;
      while (this.is('.')) {
        this.i++;
        mod += '.' + this.name().v;
      }
    } else if (!dots) this.fail();
    this.eat('import');
    const names: string[] = [];
    if (this.is('*')) {
      this.i++;
      names.push('*');
    } else {
      const paren = this.is('(');
      if (paren) this.i++;
      for (;;) {
        names.push(this.name().v);
        if (this.isKw('as')) {
          this.i++;
          this.name();
        }
        if (!this.is(',')) break;
        this.i++;
        if (paren ? this.is(')') : this.cur.t === 'NEWLINE' || this.is(';')) {
          if (!paren)
            this.ast.push(
              new Py2SyntaxError('SyntaxError', 'trailing comma not allowed without surrounding parentheses', line),
            );
          break;
        }
      }
      if (paren) this.eat(')');
    }
    if (mod === '__future__' && !dots) {
      if (!futureOk)
        this.future.push(
          new Py2SyntaxError('SyntaxError', 'from __future__ imports must occur at the beginning of the file', line),
        );
      for (const n of names) {
        if (n === 'braces') this.future.push(new Py2SyntaxError('SyntaxError', 'not a chance', line));
        else if (!FUTURES.has(n))
          this.future.push(new Py2SyntaxError('SyntaxError', `future feature ${n} is not defined`, line));
      }
      if (names.includes('print_function')) this.printFunction = true;
      this.futureAllowed = futureOk;
    } else this.futureAllowed = false;
  }

  private exprStmt(): void {
    const first = this.testlist();
    if (this.cur.t === 'OP' && AUG.has(this.cur.v)) {
      if (!['name', 'attr', 'subscript'].includes(first.k))
        this.ast.push(new Py2SyntaxError('SyntaxError', 'illegal expression for augmented assignment', first.line));
      else this.store(first, 'assign');
      this.i++;
      if (this.isKw('yield')) this.yieldExpr();
      else this.testlist();
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
