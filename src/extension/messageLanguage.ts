import * as vscode from 'vscode';
import { useMessageBundle } from '../core/l10n/messageLanguage';

/**
 * Core texts (diagnostic messages, provider errors) follow the display language VS Code picked for this
 * extension's own messages: the same bundle, so both halves of a sentence are in one language.
 */
export function shareMessageLanguageWithCore(): void {
  useMessageBundle(vscode.l10n.bundle, vscode.env.language);
}
