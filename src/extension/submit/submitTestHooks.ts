import * as vscode from 'vscode';
import type { JobStore } from '../../core/jobs/jobStore';
import type { LocalEmulator } from '../emulator/localEmulator';
import type { ApiKeys } from '../profiles/apiKeys';
import type { ProfileCatalog } from '../profiles/profileCatalog';
import type { ProfileProviders } from '../profiles/profileProviders';
import { INTERNAL_COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** What the submit integration tests reach: the live objects, so they wait on their events. */
export interface SubmitTestHooks {
  jobStore: JobStore;
  profiles: ProfileCatalog;
  keys: ApiKeys;
  providers: ProfileProviders;
  emulator: LocalEmulator;
}

/** Registers `batchStudio.test.submitHooks` in the extension's test mode only (never in a user's VS Code). */
export function registerSubmitTestHooks(context: vscode.ExtensionContext, hooks: SubmitTestHooks): void {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return;
  context.subscriptions.push(registerCommand(INTERNAL_COMMANDS.submitTestHooks, () => hooks));
}
