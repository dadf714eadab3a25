import * as vscode from 'vscode';

/**
 * A tree data provider that VS Code can hold from activation on, while the real one (and all it
 * imports) is loaded only when the view first asks for its content.
 */
export class LazyTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: vscode.TreeDataProvider<T> | undefined;
  private forward: vscode.Disposable | undefined;

  constructor(private readonly load: () => vscode.TreeDataProvider<T>) {}

  /** Called by the loader once the real provider exists (it may be loaded by a command first). */
  attach(real: vscode.TreeDataProvider<T>): void {
    if (this.real) return;
    this.real = real;
    this.forward = real.onDidChangeTreeData?.((e) => this.changed.fire(e));
  }

  private provider(): vscode.TreeDataProvider<T> {
    if (!this.real) this.attach(this.load());
    return this.real!;
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.provider().getChildren(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.provider().getParent?.(element);
  }

  dispose(): void {
    this.forward?.dispose();
    this.changed.dispose();
  }
}
