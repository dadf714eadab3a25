import * as vscode from 'vscode';

const COLORS = [36, 35, 33, 34, 32, 96, 95, 93];

/**
 * A terminal per run (pseudoterminal): the remote output streams in live, each line prefixed with
 * its node when several nodes run at once. Closing the terminal while the run is going cancels it.
 */
export class RunTerminal implements vscode.Pseudoterminal, vscode.Disposable {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private opened = false;
  private buffer: string[] = [];
  private readonly partial = new Map<string, string>();
  private readonly colorOf = new Map<string, number>();
  readonly terminal: vscode.Terminal;
  running = true;

  constructor(name: string, private readonly onUserClose: () => void, private readonly prefixNodes: boolean) {
    this.terminal = vscode.window.createTerminal({ name, pty: this, iconPath: new vscode.ThemeIcon('cloud-upload') });
  }

  open(): void {
    this.opened = true;
    for (const b of this.buffer) this.writer.fire(b);
    this.buffer = [];
  }

  close(): void {
    if (this.running) this.onUserClose();
  }

  private emit(s: string): void {
    if (this.opened) this.writer.fire(s); else this.buffer.push(s);
  }

  /** A line of our own (command shown, summary), in bold or a color. */
  info(text: string, style: 'bold' | 'ok' | 'error' | 'dim' = 'bold'): void {
    const code = style === 'bold' ? '1' : style === 'ok' ? '32' : style === 'error' ? '31' : '2';
    this.emit(`\x1b[${code}m${text.replace(/\n/g, '\r\n')}\x1b[0m\r\n`);
  }

  /** Remote output of a node (null: the shared git pull), split into lines and prefixed. */
  output(node: string | null, text: string, stream: 'stdout' | 'stderr'): void {
    const key = node ?? '';
    const joined = (this.partial.get(key) ?? '') + text.replace(/\r\n/g, '\n');
    const lines = joined.split('\n');
    this.partial.set(key, lines.pop() ?? '');
    for (const line of lines) this.line(node, line, stream);
  }

  /** Flushes a node's unterminated last line. */
  flush(node: string | null): void {
    const rest = this.partial.get(node ?? '');
    if (rest) this.line(node, rest, 'stdout');
    this.partial.delete(node ?? '');
  }

  private line(node: string | null, line: string, stream: 'stdout' | 'stderr'): void {
    let prefix = '';
    if (this.prefixNodes) {
      const label = node ?? 'git pull';
      if (!this.colorOf.has(label)) this.colorOf.set(label, COLORS[this.colorOf.size % COLORS.length]);
      prefix = `\x1b[${this.colorOf.get(label)}m[${label}]\x1b[0m `;
    }
    this.emit(`${prefix}${stream === 'stderr' ? '\x1b[33m' : ''}${line}${stream === 'stderr' ? '\x1b[0m' : ''}\r\n`);
  }

  finish(exitCode: number): void {
    this.running = false;
    this.info('(the run is over: this terminal can be closed)', 'dim');
    void exitCode;
  }

  dispose(): void {
    this.writer.dispose();
    this.closer.dispose();
  }
}
