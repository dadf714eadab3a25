import * as vscode from 'vscode';

/**
 * Refreshes a view only while it is visible: on an interval (0 = never), debounced manual refreshes,
 * and one refresh when the view becomes visible again after something happened while hidden.
 */
export class RefreshManager implements vscode.Disposable {
  private interval: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private staleWhileHidden = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly view: vscode.TreeView<unknown>,
    private readonly doRefresh: () => void,
    private readonly intervalSeconds: () => number,
    private readonly debounceMs = 500,
  ) {
    this.disposables.push(
      view.onDidChangeVisibility((e) => {
        if (e.visible && this.staleWhileHidden) {
          this.staleWhileHidden = false;
          this.doRefresh();
        }
        this.schedule();
      }),
    );
    this.schedule();
  }

  /** A debounced refresh (button, config change, install finished). */
  request(): void {
    if (!this.view.visible) {
      this.staleWhileHidden = true;
      return;
    }
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.doRefresh();
    }, this.debounceMs);
  }

  /** Restarts the interval timer (visibility or setting changed). */
  schedule(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
    const s = this.intervalSeconds();
    if (this.view.visible && s > 0) this.interval = setInterval(() => this.doRefresh(), s * 1000);
  }

  dispose(): void {
    if (this.interval) clearInterval(this.interval);
    if (this.debounce) clearTimeout(this.debounce);
    for (const d of this.disposables) d.dispose();
  }
}
