import * as vscode from 'vscode';

/**
 * The editor group to show `uri` in without adding groups: the group that already has it open, else the
 * group beside the active one when there is one, else a new group beside. `ViewColumn.Beside` alone opens
 * a further group on every call made from the rightmost group.
 */
export function columnFor(uri: vscode.Uri): vscode.ViewColumn {
  const key = uri.toString();
  for (const group of vscode.window.tabGroups.all) {
    const open = group.tabs.some((tab) => {
      const input = tab.input;
      return input instanceof vscode.TabInputText && input.uri.toString() === key;
    });
    if (open) return group.viewColumn;
  }
  const groups = vscode.window.tabGroups.all;
  if (groups.length < 2) return vscode.ViewColumn.Beside;
  const active = vscode.window.tabGroups.activeTabGroup;
  const other = groups.find((group) => group !== active && group.viewColumn > active.viewColumn) ?? groups.find((group) => group !== active);
  return other?.viewColumn ?? vscode.ViewColumn.Beside;
}

/** Opens `uri` in its existing group (see `columnFor`), keeping the focus where it is. */
export async function showInItsColumn(uri: vscode.Uri, options: { preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { viewColumn: columnFor(uri), preview: false, preserveFocus: options.preserveFocus });
}
