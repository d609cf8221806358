import * as vscode from 'vscode';

/** The Jobs view. Empty until jobs exist; its viewsWelcome text explains how to submit. */
class JobsTreeProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

export function registerJobsView(context: vscode.ExtensionContext): void {
  const view = vscode.window.createTreeView('batchStudio.jobs', { treeDataProvider: new JobsTreeProvider() });
  context.subscriptions.push(view);
}
