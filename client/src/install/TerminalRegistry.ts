import * as vscode from 'vscode';
import { RunTerminal } from './RunTerminal';

/**
 * One run terminal per environment and node (or set of nodes): a run reuses the terminal of the last
 * finished run there instead of opening one more. A terminal still running, or closed by the user, is
 * never reused.
 */
export class TerminalRegistry implements vscode.Disposable {
  private readonly terminals = new Map<string, RunTerminal>();

  acquire(environment: string, image: string, nodes: string[], onUserClose: () => void): RunTerminal {
    const key = JSON.stringify([environment, [...nodes].sort()]);
    const last = this.terminals.get(key);
    const prefix = nodes.length > 1;
    if (last && !last.running && !last.closed) {
      last.reuse(image, nodes, onUserClose, prefix);
      return last;
    }
    const term = new RunTerminal(image, nodes, onUserClose, prefix);
    this.terminals.set(key, term);
    return term;
  }

  dispose(): void {
    for (const t of this.terminals.values()) t.dispose();
    this.terminals.clear();
  }
}
