import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { terminalLanguage } from '../../../src/core/l10n/messageLanguage';
import { CORE_SURFACE, unlocalizedTexts } from './userVisibleLiterals';

const repoRoot = path.resolve(__dirname, '../../../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as Record<string, unknown>;
const sorted = (values: Iterable<string>) => [...values].sort();

interface MessageExtraction {
  extractMessages(): Promise<Record<string, string | { message: string }>>;
  translatedBundles(): Record<string, Record<string, string>>;
  compareBundle(messages: object, bundle: object): { missing: string[]; unused: string[] };
}
// The same functions `npm run l10n:extract` uses: a plain script outside the compiled tree, loaded at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extraction = require(path.join(repoRoot, 'l10n', 'extract.cjs')) as MessageExtraction;

/** `{0}`, `{name}` and `command:` links: what a translation must keep for the text to work. */
function placeholders(text: string): string[] {
  return sorted(text.match(/\{\w+\}|\(command:[^)]*\)/g) ?? []);
}

/** Every `%key%` value anywhere in package.json. */
function manifestKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = /^%(.+)%$/.exec(value);
    if (match) found.add(match[1]);
  } else if (value && typeof value === 'object') {
    for (const child of Object.values(value)) manifestKeys(child, found);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

describe('languages: contributed texts (package.nls*.json)', () => {
  const manifest = readJson('package.json');
  const english = readJson('package.nls.json') as Record<string, string>;
  const chinese = readJson('package.nls.zh-cn.json') as Record<string, string>;

  it('every %key% package.json names is in package.nls.json, and package.nls.json has no key package.json does not use', () => {
    assert.deepEqual(sorted(manifestKeys(manifest)), sorted(Object.keys(english)));
  });

  it('the Chinese file has exactly the English keys, none empty, each keeping its command links', () => {
    assert.deepEqual(sorted(Object.keys(chinese)), sorted(Object.keys(english)));
    for (const [key, text] of Object.entries(english)) {
      assert.ok(chinese[key].trim(), `${key} is empty in package.nls.zh-cn.json`);
      assert.deepEqual(placeholders(chinese[key]), placeholders(text), key);
    }
  });

  it('commands, views and settings show no English literal in package.json', () => {
    const contributes = manifest.contributes as { commands: { title: string }[]; views: Record<string, { name: string }[]> };
    for (const command of contributes.commands) assert.match(command.title, /^%.+%$/);
    for (const view of Object.values(contributes.views).flat()) assert.match(view.name, /^%.+%$/);
  });
});

describe('languages: messages (l10n/bundle.l10n.zh-cn.json)', () => {
  it('package.json points VS Code at the l10n folder', () => {
    assert.equal(readJson('package.json').l10n, './l10n');
  });

  it('the Chinese bundle translates every message the code passes to l10n.t, and only those', async () => {
    const messages = await extraction.extractMessages();
    assert.ok(Object.keys(messages).length > 0);
    const bundles = extraction.translatedBundles();
    assert.deepEqual(Object.keys(bundles), ['zh-cn']);
    assert.deepEqual(extraction.compareBundle(messages, bundles['zh-cn']), { missing: [], unused: [] });
  });

  it('each translation keeps its message\'s placeholders and is not left in English', async () => {
    const messages = await extraction.extractMessages();
    const chinese = extraction.translatedBundles()['zh-cn'];
    for (const key of Object.keys(messages)) {
      const message = typeof messages[key] === 'string' ? messages[key] : messages[key].message;
      assert.deepEqual(placeholders(chinese[key]), placeholders(message), key);
      if (/[a-z]{3,} [a-z]{3,} [a-z]{3,}/i.test(message.replace(/\{\w+\}|`[^`]*`|"[^"]*"/g, ''))) assert.match(chinese[key], /\p{Script=Han}/u, `"${key}" reads like a sentence but its translation has no Chinese`);
    }
  });

  it('the extension shows no literal text that bypasses vscode.l10n.t', () => {
    const found = sourceFiles(path.join(repoRoot, 'src', 'extension'))
      .flatMap((file) => unlocalizedTexts(file))
      .map((text) => `${path.relative(repoRoot, text.file)}:${text.line} ${text.text}`);
    assert.deepEqual(found, []);
  });

  it('core texts a user reads (diagnostics, JSON syntax errors, conversion notes, repairs, run input errors) go through l10n.t', () => {
    // The emulator answers in the providers' English, as the real APIs do; these texts are written into result
    // files as a provider's would be, so a file reads the same whoever wrote it.
    const resultFileTexts = new Set([
      "'This request could not be executed before the batch expired.'",
      "'This request was not executed: the batch was canceled.'",
      "'This request was not run: the batch was cancelled first.'",
      "'The provider finished the job without an answer for this request.'",
      "'The provider answered the batch without an entry for this request.'",
    ]);
    const found = sourceFiles(path.join(repoRoot, 'src', 'core'))
      .filter((file) => !file.includes(`${path.sep}emulator${path.sep}`))
      .flatMap((file) => unlocalizedTexts(file, CORE_SURFACE))
      .filter((text) => !resultFileTexts.has(text.text))
      .map((text) => `${path.relative(repoRoot, text.file)}:${text.line} ${text.text}`);
    assert.deepEqual(found, []);
  });

  it('the core check finds a literal diagnostic message, syntax error and note, and passes l10n.t with a comment', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'l10n-check-'));
    try {
      const file = path.join(dir, 'sample.ts');
      writeFileSync(
        file,
        [
          "findings.push(finding(span, DiagnosticCodes.invalidUrl, `url ${url} is not accepted`, 'url', 'warning'));",
          "return fail('unterminated string');",
          "notes.push({ param: 'body.n', message: 'body.n is not carried over' });",
          "findings.push(finding(span, DiagnosticCodes.invalidUrl, l10n.t('url {0} is not accepted', url), 'url', 'warning'));",
          "const label = l10n.t({ message: 'Created', comment: ['timestamp label'] });",
        ].join('\n'),
      );
      assert.deepEqual(unlocalizedTexts(file, CORE_SURFACE).map((text) => [text.line, text.text]), [[1, '`url ${url} is not accepted`'], [2, "'unterminated string'"], [3, "'body.n is not carried over'"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the check finds a literal message, button and quick-pick title, and passes l10n.t and codicon-only text', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'l10n-check-'));
    try {
      const file = path.join(dir, 'sample.ts');
      writeFileSync(
        file,
        [
          "void vscode.window.showErrorMessage(`Could not open ${name}`, 'Retry');",
          "void vscode.window.showQuickPick(items, { title: 'Pick one' });",
          "void vscode.window.showInformationMessage(vscode.l10n.t('Done: {0}', name), vscode.l10n.t('Open'));",
          "item.text = '$(sync~spin)';",
          "item.description = `${count} ${count === 1 ? 'job' : 'jobs'}`;",
          "item.tooltip = `Batch Studio: ${vscode.l10n.t('Profile')}`;",
        ].join('\n'),
      );
      assert.deepEqual(unlocalizedTexts(file).map((text) => [text.line, text.text]), [[1, '`Could not open ${name}`'], [1, "'Retry'"], [2, "'Pick one'"], [5, "'job'"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('languages: the CLI follows LANG / LC_ALL', () => {
  it('zh_CN in any form means Chinese; LC_ALL wins over LANG; other languages are English', () => {
    assert.equal(terminalLanguage({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
    assert.equal(terminalLanguage({ LANG: 'zh_CN' }), 'zh-cn');
    assert.equal(terminalLanguage({ LC_ALL: 'zh_CN.GB18030', LANG: 'en_US.UTF-8' }), 'zh-cn');
    assert.equal(terminalLanguage({ LC_ALL: 'C.UTF-8', LANG: 'zh_CN.UTF-8' }), undefined);
    assert.equal(terminalLanguage({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_GB.UTF-8' }), 'zh-cn');
    assert.equal(terminalLanguage({ LANG: 'zh_TW.UTF-8' }), undefined);
    assert.equal(terminalLanguage({ LANG: 'en_US.UTF-8' }), undefined);
    assert.equal(terminalLanguage({}), undefined);
  });

  it('batch-studio validate prints the Chinese message with the same English code under LANG=zh_CN.UTF-8', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'l10n-cli-'));
    try {
      const file = path.join(dir, 'blank.batch.jsonl');
      const request = JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } });
      writeFileSync(file, `${request}\n\n${request.replace('"a"', '"b"')}\n`);
      const validate = (env: Record<string, string>) =>
        spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'validate', file], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
      const chinese = validate({ LANG: 'zh_CN.UTF-8' });
      assert.equal(chinese.status, 0);
      assert.match(chinese.stdout, /:2:1: warning blank_line: 请求之间有空行：服务商会拒绝空行，请删除/);
      const english = validate({ LANG: 'en_US.UTF-8' });
      assert.match(english.stdout, /:2:1: warning blank_line: Blank line between requests: providers reject empty lines; remove it/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

