import * as vscode from 'vscode';
import type { BatchDiagnostic, TextSpan } from '../../core/validation/types';

/** The `source` of every diagnostic this extension reports; quick fixes only act on these. */
export const DIAGNOSTIC_SOURCE = 'Batch Studio';

/** Core spans and VS Code ranges share a model (0-based lines, UTF-16 columns, end exclusive). */
export function toRange(span: TextSpan): vscode.Range {
  return new vscode.Range(span.line, span.column, span.endLine, span.endColumn);
}

export function toDiagnostic(uri: vscode.Uri, finding: BatchDiagnostic): vscode.Diagnostic {
  const severity = finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(toRange(finding), finding.message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(related)), related.message),
    );
  }
  return diagnostic;
}

/** The stable code of one of our diagnostics, or undefined for anyone else's. */
export function batchDiagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  return typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
}
