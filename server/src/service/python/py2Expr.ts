/**
 * The expression half of the Python 2.7 parser of py2Syntax.ts, above the atoms of Py2ExprBase.ts (Grammar/Grammar
 * `test` … `factor`, argument lists, parameter lists) with the checks CPython makes on them after parsing: call
 * arguments, defaults and duplicate parameters, `yield` outside a function.
 */
import { Py2SyntaxError, type Py2Token } from './py2Tokenize';
import { pushAll } from '../arrays';
import { COMP, type Ex } from './py2Tables';
import { Py2ExprBase } from './Py2ExprBase';

/** The expression grammar above the atoms: operators, tests, lambdas, parameter and argument lists. */
export class Py2ExprParser extends Py2ExprBase {
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

  protected yieldExpr(): Ex {
    const t = this.eat('yield');
    if (this.scope.kind !== 'function')
      this.comp.push(new Py2SyntaxError('SyntaxError', "'yield' outside function", t.line));
    else this.scope.yieldLine ??= t.line;
    if (this.testStart()) this.testlist();
    return { k: 'yield', line: t.line };
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
}
