import * as vscode from 'vscode';
import { DiagnosticCodes, acceptedEndpoints, type BatchDocumentValidator, type BatchLineInfo, type MemberSpan } from '../../core/validation';
import type { ProviderLimitsName } from '../../core/validation/types';
import { repairJsonLine } from '../../core/validation/jsonLineRepair';
import { nextFreeCustomId } from '../../core/validation/uniqueCustomId';

/** One edit that fixes one diagnostic, with the title a single quick fix shows for it. */
export interface LineFix {
  title: string;
  edit: vscode.TextEdit;
}

/** What a fix may consult: the up-to-date validator and ids already handed out by this fix-all. */
export interface FixContext {
  validator: BatchDocumentValidator;
  provider: ProviderLimitsName;
  document: vscode.TextDocument;
  assignedIds: Set<string>;
}

/** A kind of quick fix: which diagnostic codes it repairs and how to repair one line. */
export interface QuickFixKind {
  codes: readonly string[];
  fixAllTitle: string;
  fix(context: FixContext, line: number): LineFix | undefined;
}

function replaceValue(line: number, member: MemberSpan | undefined, value: string, title: string): LineFix | undefined {
  if (!member) return undefined;
  return { title, edit: vscode.TextEdit.replace(new vscode.Range(line, member.valueColumn, line, member.valueEndColumn), JSON.stringify(value)) };
}

/** The line's parsed request (when it is a JSON object) and the spans of its members. */
function requestOn(context: FixContext, line: number): { request: Record<string, unknown>; info: BatchLineInfo } | undefined {
  const info = context.validator.lineInfo(line);
  const value = info?.value;
  if (!info || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return { request: value as Record<string, unknown>, info };
}

/** The file's endpoint, or for a url that only lacks the `/v1` prefix, the accepted endpoint it means. */
function intendedEndpoint(context: FixContext, url: unknown): string | undefined {
  if (context.validator.fileEndpoint) return context.validator.fileEndpoint;
  if (typeof url !== 'string') return undefined;
  const prefixed = `/v1${url.startsWith('/') ? '' : '/'}${url}`;
  return acceptedEndpoints(context.provider)?.includes(prefixed) ? prefixed : undefined;
}

const setMethod: QuickFixKind = {
  codes: [DiagnosticCodes.invalidMethod],
  fixAllTitle: vscode.l10n.t('Set method to "POST" on every line'),
  fix: (context, line) => replaceValue(line, context.validator.lineInfo(line)?.method, 'POST', vscode.l10n.t('Set method to "POST"')),
};

const setUrl: QuickFixKind = {
  codes: [DiagnosticCodes.invalidUrl, DiagnosticCodes.urlMismatch],
  fixAllTitle: vscode.l10n.t("Set every url to the file's endpoint"),
  fix: (context, line) => {
    const on = requestOn(context, line);
    const endpoint = intendedEndpoint(context, on?.request.url);
    if (!endpoint) return undefined;
    return replaceValue(line, on?.info.url, endpoint, vscode.l10n.t('Set url to "{0}"', endpoint));
  },
};

const uniqueCustomId: QuickFixKind = {
  codes: [DiagnosticCodes.duplicateCustomId],
  fixAllTitle: vscode.l10n.t('Make every duplicate custom_id unique'),
  fix: (context, line) => {
    const on = requestOn(context, line);
    const id = on?.request.custom_id;
    if (typeof id !== 'string') return undefined;
    const unique = nextFreeCustomId(
      id,
      (candidate) => context.assignedIds.has(candidate) || context.validator.linesWithCustomId(candidate).length > 0,
    );
    context.assignedIds.add(unique);
    return replaceValue(line, on?.info.customId, unique, vscode.l10n.t('Change custom_id to "{0}"', unique));
  },
};

const removeStream: QuickFixKind = {
  codes: [DiagnosticCodes.streamingUnsupported],
  fixAllTitle: vscode.l10n.t('Remove "stream": true from every line'),
  fix: (context, line) => {
    const on = requestOn(context, line);
    const body = on?.request.body as Record<string, unknown> | undefined;
    const stream = on?.info.stream;
    if (body?.stream !== true || !stream) return undefined;
    const range = new vscode.Range(line, stream.removalColumn, line, stream.removalEndColumn);
    return { title: vscode.l10n.t('Remove "stream": true'), edit: vscode.TextEdit.delete(range) };
  },
};

const setModel: QuickFixKind = {
  codes: [DiagnosticCodes.modelMismatch],
  fixAllTitle: vscode.l10n.t("Set every model to the file's model"),
  fix: (context, line) => {
    const model = context.validator.fileModel;
    if (!model) return undefined;
    return replaceValue(line, context.validator.lineInfo(line)?.model, model, vscode.l10n.t('Set model to "{0}"', model));
  },
};

const removeBlankLine: QuickFixKind = {
  codes: [DiagnosticCodes.blankLine],
  fixAllTitle: vscode.l10n.t('Remove every blank line'),
  fix: (context, line) => {
    if (line + 1 >= context.document.lineCount || !context.document.lineAt(line).isEmptyOrWhitespace) return undefined;
    return { title: vscode.l10n.t('Remove blank line'), edit: vscode.TextEdit.delete(new vscode.Range(line, 0, line + 1, 0)) };
  },
};

const repairJson: QuickFixKind = {
  codes: [DiagnosticCodes.invalidJsonLine],
  fixAllTitle: vscode.l10n.t('Repair every line with an obvious JSON slip'),
  fix: (context, line) => {
    const { text, range } = context.document.lineAt(line);
    const repaired = repairJsonLine(text);
    return repaired && { title: repaired.description, edit: vscode.TextEdit.replace(range, repaired.text) };
  },
};

const insertModel: QuickFixKind = {
  codes: [DiagnosticCodes.missingRequiredParameter],
  fixAllTitle: vscode.l10n.t("Add the file's model to every body without one"),
  fix: (context, line) => {
    const model = context.validator.fileModel;
    const on = requestOn(context, line);
    const body = on?.request.body;
    const span = on?.info.body;
    if (!model || !span || !body || typeof body !== 'object' || Array.isArray(body) || 'model' in body) return undefined;
    const member = `"model": ${JSON.stringify(model)}${Object.keys(body).length > 0 ? ', ' : ''}`;
    return { title: vscode.l10n.t('Add "model": "{0}" (the file\'s model)', model), edit: vscode.TextEdit.insert(new vscode.Position(line, span.valueColumn + 1), member) };
  },
};

const deleteLine: QuickFixKind = {
  codes: [DiagnosticCodes.invalidRequest, DiagnosticCodes.invalidJsonLine],
  fixAllTitle: vscode.l10n.t('Delete every line that is not a request'),
  fix: (context, line) => {
    const { document } = context;
    // The last line keeps its (now empty) place: a file may end with a newline, and edits never overlap.
    const end = line + 1 < document.lineCount ? new vscode.Position(line + 1, 0) : document.lineAt(line).range.end;
    return { title: vscode.l10n.t('Delete this line (it is not a request)'), edit: vscode.TextEdit.delete(new vscode.Range(new vscode.Position(line, 0), end)) };
  },
};

/**
 * Every quick fix the editor offers, each also as "fix all of this kind in the file". A repairable JSON
 * slip is offered its repair first; deleting the line comes after it.
 */
export const QUICK_FIX_KINDS: readonly QuickFixKind[] = [setMethod, setUrl, uniqueCustomId, removeStream, setModel, removeBlankLine, repairJson, insertModel, deleteLine];

/** The edits that fix every line in `lines`, one per line, in document order. */
export function fixAllEdits(kind: QuickFixKind, context: FixContext, lines: readonly number[]): vscode.TextEdit[] {
  const unique = [...new Set(lines)].sort((a, b) => a - b);
  return unique.flatMap((line) => kind.fix(context, line)?.edit ?? []);
}
