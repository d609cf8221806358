import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** A string the user would read that is written in the source as a literal instead of going through l10n. */
export interface UnlocalizedText {
  file: string;
  line: number;
  text: string;
}

/** Which arguments of a call or constructor a user reads: all of them, or those at these positions. */
type ShownArguments = 'all' | readonly number[];

/** Where a part of the code hands text to the user: calls, constructors, and object members or properties. */
export interface TextSurface {
  calls: ReadonlyMap<string, ShownArguments>;
  constructors: ReadonlyMap<string, ShownArguments>;
  properties: ReadonlySet<string>;
}

/** The extension: VS Code's messages, items, lenses, diagnostics, quick picks and status texts. */
export const EXTENSION_SURFACE: TextSurface = {
  calls: new Map(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'appendMarkdown', 'setStatusBarMessage'].map((name) => [name, 'all'])),
  // A tree item's label, a diagnostic's message, Markdown.
  constructors: new Map(['TreeItem', 'Diagnostic', 'MarkdownString', 'CodeAction', 'DiagnosticRelatedInformation'].map((name) => [name, 'all'])),
  properties: new Set(['title', 'placeHolder', 'prompt', 'tooltip', 'detail', 'description', 'label', 'message', 'saveLabel', 'openLabel', 'text', 'name']),
};

/**
 * src/core: a diagnostic's message (`finding(span, code, message, …)`), a JSON syntax error's (`fail(…)`), a
 * repair's description, any `message` member, and the input errors a run reports as they are.
 */
export const CORE_SURFACE: TextSurface = {
  calls: new Map<string, ShownArguments>([
    ['finding', [2]],
    ['fail', 'all'],
  ]),
  constructors: new Map<string, ShownArguments>([
    ['RunInputError', 'all'],
    ['NotConvertibleError', 'all'],
  ]),
  properties: new Set(['description', 'message']),
};

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

/** The literals with words that `file` hands to the user through `surface` without `l10n.t`. */
export function unlocalizedTexts(file: string, surface: TextSurface = EXTENSION_SURFACE): UnlocalizedText[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: UnlocalizedText[] = [];
  const report = (node: ts.Node | undefined) => {
    const literal = literalWithWords(node);
    if (literal) found.push({ file, line: source.getLineAndCharacterOfPosition(literal.getStart()).line + 1, text: literal.getText().slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    const reportArguments = (shown: ShownArguments | undefined, args: readonly ts.Expression[] = []) => {
      if (shown) args.forEach((arg, index) => (shown === 'all' || shown.includes(index)) && report(arg));
    };
    // `l10n.t({ message, comment })` is the way through too.
    if (ts.isCallExpression(node) && calleeName(node.expression) === 't') return;
    if (ts.isCallExpression(node)) reportArguments(surface.calls.get(calleeName(node.expression) ?? ''), node.arguments);
    else if (ts.isNewExpression(node)) reportArguments(surface.constructors.get(calleeName(node.expression) ?? ''), node.arguments);
    else if (ts.isPropertyAssignment(node) && surface.properties.has(node.name.getText())) report(node.initializer);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && surface.properties.has(node.left.name.text)) report(node.right);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
