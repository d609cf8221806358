import * as vscode from 'vscode';
import { convertBatchFile, type ConversionDiagnostic, type ConversionResult } from '../../core/convert';
import { COMMANDS } from '../../core/contributionIds';
import { dialectNamed, DIALECT_NAMES, type DialectName } from '../../core/dialects';
import { describeFileError } from '../../core/errors';
import { registerCommand } from '../commands/registerCommand';

/** What a caller (a test, a script) may give instead of being asked. */
export interface ConvertOptions {
  target?: DialectName;
  /** The model every converted request names; `''` keeps each request's own. */
  model?: string;
}

const DIAGNOSTIC_SOURCE = 'Batch Studio convert';

/** A model name of each provider, shown as an example where the model is asked for (not text to translate). */
const EXAMPLE_MODELS: Readonly<Record<DialectName, string>> = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5', gemini: 'gemini-2.5-flash' };

function toDiagnostic(note: ConversionDiagnostic): vscode.Diagnostic {
  const severity = note.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(note.line, 0, note.line, Number.MAX_SAFE_INTEGER), note.message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = 'not_carried_over';
  return diagnostic;
}

async function pickTarget(): Promise<DialectName | undefined> {
  const items = DIALECT_NAMES.map((name) => ({ label: dialectNamed(name).label, target: name }));
  return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Convert the chat requests of this batch file to…') }))?.target;
}

async function askModel(target: DialectName): Promise<string | undefined> {
  if (target === 'gemini') return '';
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Model for the converted requests'),
    prompt: vscode.l10n.t('The {0} model every converted request names; leave empty to keep each request\'s own (Gemini requests name none).', dialectNamed(target).label),
    placeHolder: EXAMPLE_MODELS[target],
  });
}

/**
 * "Convert Batch File to…": writes the chat requests of the batch file in OpenAI's, Anthropic's or Gemini's
 * format beside it (`<name>.<format>.batch.jsonl`), opens it, and lists what could not be carried over as
 * diagnostics on its lines until it is closed.
 */
export function registerConvertBatchFile(): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('batchStudio.convert');
  const command = registerCommand(COMMANDS.convertBatchFile, async (target?: unknown, options: ConvertOptions = {}): Promise<ConversionResult | undefined> => {
    const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a batch file saved on disk to convert it.'));
      return undefined;
    }
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    const format = options.target ?? (await pickTarget());
    if (!format) return undefined;
    const model = options.model ?? (await askModel(format));
    if (model === undefined) return undefined;
    let result: ConversionResult;
    try {
      result = await convertBatchFile(uri.fsPath, format, { model: model.trim() || undefined });
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The batch file could not be converted: {0}', describeFileError(error, uri.fsPath)));
      return undefined;
    }
    const converted = vscode.Uri.file(result.outPath);
    diagnostics.set(converted, result.diagnostics.map(toDiagnostic));
    await vscode.window.showTextDocument(converted, { preview: false });
    const notes = result.diagnostics.length + result.unlisted;
    const summary = notes
      ? vscode.l10n.t('Converted {0} requests to {1}; {2} things could not be carried over: see Problems.', result.converted, dialectNamed(format).label, notes)
      : vscode.l10n.t('Converted {0} requests to {1}.', result.converted, dialectNamed(format).label);
    void (result.skipped ? vscode.window.showWarningMessage(summary) : vscode.window.showInformationMessage(summary));
    return result;
  });
  const closed = vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri));
  return [diagnostics, command, closed];
}
