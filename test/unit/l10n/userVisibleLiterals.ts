import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** A string the user would read that is written in the source as a literal instead of going through l10n. */
export interface UnlocalizedText {
  file: string;
  line: number;
  text: string;
}

/** Calls whose every string argument is shown to the user. */
const SHOWING_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'appendMarkdown', 'setStatusBarMessage']);
/** Constructors whose string arguments are shown (a tree item's label, a diagnostic's message, Markdown). */
const SHOWING_CONSTRUCTORS = new Set(['TreeItem', 'Diagnostic', 'MarkdownString', 'CodeAction', 'DiagnosticRelatedInformation']);
/** Object members and assigned properties VS Code shows: quick pick and input box texts, items, lenses, status. */
const SHOWN_PROPERTIES = new Set(['title', 'placeHolder', 'prompt', 'tooltip', 'detail', 'description', 'label', 'message', 'saveLabel', 'openLabel', 'text', 'name']);

/**
 * Words in a literal once `${…}` parts, `$(codicon)` names and the product's name ("Batch Studio") are taken
 * out. Punctuation and numbers alone are not words, nor is one name such as `/v1/embeddings`, `custom_id` or
 * `CSV` (no space, and a `/`, `_`, `.` or capitals only): names read the same in every language.
 */
function hasWords(node: ts.StringLiteralLike | ts.TemplateExpression): boolean {
  const text = (ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ') : node.text).replace(/\$\([\w~-]+\)/g, '').replace(/(LLM )?Batch Studio/g, '').trim();
  const isName = !/\s/.test(text) && (/[/_.]/.test(text) || text === text.toUpperCase());
  return !isName && /[A-Za-z]{2,}/.test(text);
}

/**
 * The first literal with words in an expression shown to the user: the expression itself, either branch of a
 * condition, either side of `+`, or a part of a template (`${n} ${n === 1 ? 'job' : 'jobs'}`). A call's
 * arguments are that call's business (`vscode.l10n.t('…')` is the way through).
 */
function literalWithWords(node: ts.Node | undefined): ts.StringLiteralLike | ts.TemplateExpression | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteralLike(node)) return hasWords(node) ? node : undefined;
  if (ts.isTemplateExpression(node)) return hasWords(node) ? node : node.templateSpans.map((span) => literalWithWords(span.expression)).find(Boolean);
  if (ts.isConditionalExpression(node)) return literalWithWords(node.whenTrue) ?? literalWithWords(node.whenFalse);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return literalWithWords(node.left) ?? literalWithWords(node.right);
  if (ts.isParenthesizedExpression(node)) return literalWithWords(node.expression);
  return undefined;
}

const calleeName = (expression: ts.Expression): string | undefined =>
  ts.isPropertyAccessExpression(expression) ? expression.name.text : ts.isIdentifier(expression) ? expression.text : undefined;

/** The literals with words that `file` hands to a VS Code surface without `vscode.l10n.t`. */
export function unlocalizedTexts(file: string): UnlocalizedText[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: UnlocalizedText[] = [];
  const report = (node: ts.Node | undefined) => {
    const literal = literalWithWords(node);
    if (literal) found.push({ file, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1, text: literal.getText().slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && SHOWING_CALLS.has(calleeName(node.expression) ?? '')) node.arguments.forEach(report);
    else if (ts.isNewExpression(node) && SHOWING_CONSTRUCTORS.has(calleeName(node.expression) ?? '')) node.arguments?.forEach(report);
    else if (ts.isPropertyAssignment(node) && SHOWN_PROPERTIES.has(node.name.getText())) report(node.initializer);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_PROPERTIES.has(node.left.name.text)) report(node.right);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
