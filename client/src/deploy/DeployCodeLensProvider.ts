import * as path from 'node:path';
import * as vscode from 'vscode';
import { isRecipeServiceHrd } from '../../../common/install/recipeFolder';

/** Deploy… and New Version… CodeLenses on service.hrd of a template folder. */
export class DeployCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isRecipeServiceHrd(doc.uri.fsPath)) return [];
    const range = new vscode.Range(0, 0, 0, 0);
    const folder = vscode.Uri.file(path.dirname(doc.uri.fsPath));
    return [
      new vscode.CodeLens(range, {
        title: '$(rocket) Deploy…',
        command: 'aysRecipes.deploy',
        arguments: [folder],
        tooltip: 'Validate, commit & push, install on a node, wait for the portal, set the availability',
      }),
      new vscode.CodeLens(range, {
        title: 'New Version…',
        command: 'aysRecipes.newVersion',
        arguments: [folder],
        tooltip:
          'The same recipe with a new folder and dest file name (a reinstall with the same template name registers nothing)',
      }),
    ];
  }
}
