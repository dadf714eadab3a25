import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, openRecipe, restoreDocument, waitFor } from './util';

function codesOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
}

describe('service.hrd language server', () => {
  before(async () => {
    await (
      await activeApi()
    ).ready;
  });

  it('shows what AYS would silently lose in the recipe with mistakes', async () => {
    const editor = await openRecipe('image_centos-7', 'service.hrd');
    const uri = editor.document.uri;
    const expected = ['recipe-platform', 'hrd-missing-comma', 'hrd-line-lost', 'recipe-url'];
    await waitFor(`diagnostics ${expected.join(', ')}`, () => expected.every((c) => codesOf(uri).includes(c)));
    for (const d of vscode.languages.getDiagnostics(uri)) assert.equal(d.source, 'ays');
  });

  it('keeps the good recipe free of errors', async () => {
    const good = await openRecipe('image_ubuntu-2204', 'service.hrd');
    // Documents are validated in the order they open: once the later one has diagnostics, the good one is done.
    const bad = await openRecipe('image_centos-7', 'service.hrd');
    await waitFor('the later document to be validated', () => codesOf(bad.document.uri).length > 0);
    const errors = vscode.languages
      .getDiagnostics(good.document.uri)
      .filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(
      errors.map((d) => d.message),
      [],
    );
  });

  it('applies the quick fix for a missing comma and the problem disappears', async () => {
    const editor = await openRecipe('image_centos-7', 'service.hrd');
    const uri = editor.document.uri;
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    const diag = await waitFor('hrd-missing-comma', () =>
      vscode.languages
        .getDiagnostics(uri)
        .find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'hrd-missing-comma'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diag.range,
    );
    const fix = actions.find((a) => a.kind?.value === 'quickfix' && /missing ','/.test(a.title));
    assert.ok(fix?.edit, `a quick fix among: ${JSON.stringify(actions)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('hrd-missing-comma to disappear', () => !codesOf(uri).includes('hrd-missing-comma'));
    assert.match(editor.document.lineAt(diag.range.start.line).text, /,\s*$/);
    await restoreDocument(editor.document, original);
  });

  it('completes web.export.2 after web.export.1', async () => {
    const editor = await openRecipe('image_ubuntu-2204', 'service.hrd');
    const original = fs.readFileSync(editor.document.uri.fsPath, 'utf8');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\nweb'));
    const pos = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const labels = await waitFor('web.export.2 in completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        pos,
      );
      const l = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return l.some((x) => x.startsWith('web.export.2')) ? l : undefined;
    });
    assert.ok(!labels.some((x) => x === 'web.export.1'), 'web.export.1 is taken');
    await restoreDocument(editor.document, original);
  });

  it('hover, outline and Format Document work on service.hrd', async () => {
    const editor = await openRecipe('image_windows-2019', 'service.hrd');
    const uri = editor.document.uri;
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => /checkmd5/.test(l));
    const hovers = await waitFor('a hover on checkmd5', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(line, 6),
      );
      return h.length ? h : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\.md5sum/);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['platform.supported', 'web.export.1'],
    );
    assert.deepEqual(
      symbols[1].children.map((c) => c.name),
      ['checkmd5', 'dest', 'source', 'url'],
    );
    // A canonical (robot-written) file formats to itself; a messy one to the canonical layout.
    const canonical = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      uri,
      { tabSize: 4, insertSpaces: true },
    );
    assert.equal(canonical?.length ?? 0, 0, 'no edit on a canonical file');
    await editor.edit((b) =>
      b.replace(new vscode.Range(0, 0, 0, editor.document.lineAt(0).text.length), "platform.supported='generic'"),
    );
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, {
      tabSize: 4,
      insertSpaces: true,
    });
    assert.ok(edits?.length, 'a messy file gets edits');
    const we = new vscode.WorkspaceEdit();
    we.set(uri, edits);
    await vscode.workspace.applyEdit(we);
    assert.equal(editor.document.lineAt(0).text, "platform.supported             = 'generic'");
    await restoreDocument(editor.document, original);
  });
});
