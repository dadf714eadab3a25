import * as vscode from 'vscode';

const COLORS = [36, 35, 33, 34, 32, 96, 95, 93];

export type RunResult = 'running' | 'ok' | 'failed' | 'cancelled';
const RESULT_LABEL: Record<RunResult, string> = {
  running: 'running…',
  ok: '✓ done',
  failed: '✗ failed',
  cancelled: '✗ cancelled',
};

/** `ubuntu-2204 · demo-cpu-01 · ✓ done`: short enough not to be cut in the terminal tabs. */
export function runTerminalName(image: string, nodes: string[], result: RunResult): string {
  const where = nodes.length === 1 ? nodes[0] : `${nodes.length} nodes`;
  return `${image.replace(/^image_/, '')} · ${where} · ${RESULT_LABEL[result]}`;
}

/**
 * The terminal of the runs on one node (pseudoterminal): the remote output streams in live, each line
 * prefixed with its node when several nodes run at once. Closing the terminal while a run is going
 * cancels it. Once a run is over, the next run there reuses the terminal (see TerminalRegistry); its
 * name says the recipe, the node and the result of the last run.
 */
export class RunTerminal implements vscode.Pseudoterminal, vscode.Disposable {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number | void>();
  private readonly renamer = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  readonly onDidChangeName = this.renamer.event;
  private opened = false;
  private buffer: string[] = [];
  private readonly partial = new Map<string, string>();
  private readonly colorOf = new Map<string, number>();
  readonly terminal: vscode.Terminal;
  running = true;
  /** The user closed the terminal: it cannot be reused. */
  closed = false;

  constructor(
    private image: string,
    private nodes: string[],
    private onUserClose: () => void,
    private prefixNodes: boolean,
  ) {
    this.terminal = vscode.window.createTerminal({
      name: runTerminalName(image, nodes, 'running'),
      pty: this,
      iconPath: new vscode.ThemeIcon('cloud-upload'),
    });
  }

  /** The next run in this terminal (the previous one is over). */
  reuse(image: string, nodes: string[], onUserClose: () => void, prefixNodes: boolean): void {
    this.image = image;
    this.nodes = nodes;
    this.onUserClose = onUserClose;
    this.prefixNodes = prefixNodes;
    this.running = true;
    this.partial.clear();
    this.colorOf.clear();
    this.emit('\r\n');
    this.renamer.fire(runTerminalName(image, nodes, 'running'));
  }

  open(): void {
    this.opened = true;
    for (const b of this.buffer) this.writer.fire(b);
    this.buffer = [];
  }

  close(): void {
    this.closed = true;
    if (this.running) this.onUserClose();
  }

  private emit(s: string): void {
    if (this.opened) this.writer.fire(s);
    else this.buffer.push(s);
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

  finish(exitCode: number, cancelled = false): void {
    this.running = false;
    this.info('(the run is over: the next run here reuses this terminal)', 'dim');
    this.renamer.fire(
      runTerminalName(this.image, this.nodes, exitCode === 0 ? 'ok' : cancelled ? 'cancelled' : 'failed'),
    );
  }

  dispose(): void {
    this.writer.dispose();
    this.closer.dispose();
    this.renamer.dispose();
  }
}
