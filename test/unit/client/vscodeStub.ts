/**
 * The part of the `vscode` API that the client modules under unit test use, in memory (unit tests of the client's
 * logic only; the real API is exercised by the e2e suites in a real VS Code). Importing this module first makes
 * `require('vscode')` return it.
 */
import Module from 'node:module';
import * as path from 'node:path';

type Listener<T> = (e: T) => unknown;

export class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (l: Listener<T>): Disposable => {
    this.listeners.push(l);
    return new Disposable(() => (this.listeners = this.listeners.filter((x) => x !== l)));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(readonly fsPath: string) {}
  static file(p: string): Uri {
    return new Uri(path.resolve(p));
  }
  toString(): string {
    return `file://${this.fsPath}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(sl: number, sc: number, el: number, ec: number) {
    this.start = new Position(sl, sc);
    this.end = new Position(el, ec);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Diagnostic {
  source?: string;
  code?: string | number;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  constructor(
    readonly value = '',
    readonly supportThemeIcons = false,
  ) {}
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class TreeItem {
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  id?: string;
  constructor(
    readonly label: string,
    readonly collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

/** What the tests look at and drive: the configuration, the diagnostics, the events, the terminals. */
export const fake = {
  /** `aysRecipes.*` values by key (what getConfiguration('aysRecipes').get(key) returns). */
  config: new Map<string, unknown>(),
  diagnostics: new Map<string, Diagnostic[]>(),
  textChanged: new EventEmitter<{ document: { uri: Uri }; contentChanges: unknown[] }>(),
  fileChanged: new EventEmitter<Uri>(),
  fileDeleted: new EventEmitter<Uri>(),
  terminals: [] as Array<{ name: string; pty: unknown }>,
  reset(): void {
    this.config.clear();
    this.diagnostics.clear();
    this.terminals.length = 0;
  },
};

export const workspace = {
  getConfiguration: (section?: string) => ({
    get: <T>(key: string, dflt?: T) => (fake.config.has(key) ? fake.config.get(key) : dflt) as T,
    update: async (key: string, value: unknown) => void fake.config.set(key, value),
    toJSON: () => ({ section, ...Object.fromEntries(fake.config) }),
  }),
  onDidChangeTextDocument: fake.textChanged.event,
  createFileSystemWatcher: () => ({
    onDidChange: fake.fileChanged.event,
    onDidCreate: new EventEmitter<Uri>().event,
    onDidDelete: fake.fileDeleted.event,
    dispose() {},
  }),
};

export const languages = {
  createDiagnosticCollection: () => ({
    set: (uri: Uri, list: Diagnostic[]) => void fake.diagnostics.set(uri.fsPath, list),
    delete: (uri: Uri) => void fake.diagnostics.delete(uri.fsPath),
    has: (uri: Uri) => fake.diagnostics.has(uri.fsPath),
    dispose: () => fake.diagnostics.clear(),
  }),
};

export const window = {
  createTerminal: (o: { name: string; pty: unknown }) => {
    fake.terminals.push(o);
    return { name: o.name, dispose() {} };
  },
};

const stub = {
  Disposable,
  EventEmitter,
  Uri,
  Position,
  Range,
  Diagnostic,
  DiagnosticSeverity,
  ThemeColor,
  ThemeIcon,
  MarkdownString,
  TreeItem,
  TreeItemCollapsibleState,
  ConfigurationTarget,
  workspace,
  languages,
  window,
};

const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = M._load;
M._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};
