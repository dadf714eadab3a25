/**
 * The simple statements of the Python 2.7 parser of py2Syntax.ts (Grammar/Grammar `small_stmt`: print, del, pass,
 * flow, import, global, exec, assert, expression statements) with the checks CPython makes on them: future imports,
 * augmented-assignment and assignment targets, `return`/`break`/`continue` placement.
 */
import { Py2SyntaxError } from './py2Tokenize';
import { AUG, FUTURES } from './py2Tables';
import { Py2ExprParser } from './py2Expr';

/** The simple statements; the compound ones (and the file) are in py2Syntax.ts. */
export class Py2SimpleStmtParser extends Py2ExprParser {
  protected futureAllowed = true;

  protected smallStmt(top: boolean): void {
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
            if (this.accept(',')) this.test();
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
          while (this.accept('.')) this.name();
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
        while (this.accept(',')) this.name();
        return;
      case 'exec':
        this.i++;
        this.expr();
        if (this.isKw('in')) {
          this.i++;
          this.test();
          if (this.accept(',')) this.test();
        }
        return;
      case 'assert':
        this.i++;
        this.test();
        if (this.accept(',')) this.test();
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
    while (this.accept('.')) dots++;
    if (this.cur.t === 'NAME' && !this.isKw('import')) {
      mod = this.name().v;
      while (this.accept('.')) mod += '.' + this.name().v;
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
}
