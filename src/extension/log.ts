import * as vscode from 'vscode';
import { redactSecrets } from '../core/providers/redaction';

type LogMethod = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'append' | 'appendLine' | 'replace';
const WRITERS: ReadonlySet<string> = new Set<LogMethod>(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

function redactArgument(argument: unknown): unknown {
  if (typeof argument === 'string') return redactSecrets(argument);
  if (argument instanceof Error) return redactSecrets(`${argument.name}: ${argument.message}`);
  return argument;
}

/**
 * The "Batch Studio" log channel; every raw error goes here, never a key: whatever is written to it passes
 * through the redaction first, so a caller that forgets cannot leak one.
 */
export function createLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel('Batch Studio', { log: true });
  context.subscriptions.push(channel);
  return new Proxy(channel, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      return WRITERS.has(property) ? (...args: unknown[]) => method(...args.map(redactArgument)) : method;
    },
  });
}
