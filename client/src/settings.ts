import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../../common/constants';
import { ClientSettingKey, ClientSettingValue, coerceSetting } from '../../common/clientSettings';

/** One `aysRecipes.*` setting of the extension, typed, with the declared default and bounds (common/clientSettings.ts). */
export function setting<K extends ClientSettingKey>(key: K, scope?: vscode.ConfigurationScope): ClientSettingValue<K> {
  return coerceSetting(key, vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get<unknown>(key));
}

/** The whole `aysRecipes` section as plain JSON: the language server's initial settings (common/settings.ts resolves it). */
export function languageServerSettings(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(CONFIG_SECTION)));
}

/** Writes `aysRecipes.<key>` (the one place besides `setting` that touches the configuration). */
export function updateSetting<K extends ClientSettingKey>(
  key: K,
  value: ClientSettingValue<K>,
  target: vscode.ConfigurationTarget,
): Thenable<void> {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).update(key, value, target);
}

/** True when a configuration change touches `aysRecipes.<key>`. */
export function affectsSetting(e: vscode.ConfigurationChangeEvent, key: ClientSettingKey): boolean {
  return e.affectsConfiguration(`${CONFIG_SECTION}.${key}`);
}
