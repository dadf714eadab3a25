/**
 * Runs inside the real extension host: the AYS Images tree for a big environment (the harness
 * bench/tree.mjs fills the sandbox portal). Measures, after the HTTP replies: the join, and what VS Code
 * asks of the provider to draw the view (environment → nodes, one node expanded → its images).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension('ays-image-recipes.ays-image-recipes')!;
  const api: any = await ext.activate();
  await api.ready;
  await vscode.commands.executeCommand('workbench.view.extension.aysImages');
  const rounds: any[] = [];
  for (let i = 0; i < Number(process.env.AYS_BENCH_ROUNDS || 5); i++) {
    api.images.refresh();
    const [root] = await api.images.getChildren();
    const data = await api.images.envData(root.env);
    if (data.error) throw new Error(data.error.message);
    const t0 = performance.now();
    const nodes = await api.images.getChildren(root);
    for (const n of nodes) api.images.getTreeItem(n);
    const images = await api.images.getChildren(nodes[0]);
    for (const n of images) api.images.getTreeItem(n);
    const renderMs = performance.now() - t0;
    rounds.push({
      httpMs: data.httpMs,
      joinMs: data.joinMs,
      renderMs,
      nodes: nodes.length,
      images: images.length - 1,
      totalImages: data.state.images.length,
    });
  }
  fs.writeFileSync(process.env.AYS_BENCH_OUT!, JSON.stringify(rounds));
}
