import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/*
 * Core texts that reach users (diagnostic messages, errors, CLI output) are written `l10n.t('…')` with
 * `@vscode/l10n`: it reads the same bundle format as `vscode.l10n.t`, works in plain Node (the CLI) and in
 * the extension host, and `@vscode/l10n-dev` extracts both kinds of call into one bundle. Until a bundle is
 * loaded, `l10n.t` returns the English text.
 */

/** The languages a translated bundle ships for (`l10n/bundle.l10n.<language>.json`). */
export type TranslatedLanguage = 'zh-cn';

/**
 * The language a terminal asks for, in POSIX order: `LC_ALL`, then `LC_MESSAGES`, then `LANG` (the first one
 * set wins, even when it names English). `zh_CN.UTF-8`, `zh_CN`, `zh-CN`, `zh_SG` and plain `zh` mean
 * Simplified Chinese; anything else (`zh_TW` included) is English.
 */
export function terminalLanguage(env: NodeJS.ProcessEnv): TranslatedLanguage | undefined {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh(?:[_-](?:cn|sg|hans)(?![a-z])|(?=[.@]|$))/i.test(locale) ? 'zh-cn' : undefined;
}

/** Found from wherever this code was built to (`dist/`, `out/src/core/l10n/`), as the shipped price table is. */
function bundlePath(language: TranslatedLanguage): string {
  const name = join('l10n', `bundle.l10n.${language}.json`);
  for (let dir = __dirname, depth = 0; depth < 6; dir = dirname(dir), depth++) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} was not found above ${__dirname}`);
}

let locale = 'en';

/** The BCP 47 locale core texts are in, for `Intl` formats (relative times) that go with them. */
export function messageLocale(): string {
  return locale;
}

/** Core texts from here on come from `language`'s shipped bundle (English when undefined). */
export function useMessageLanguage(language: TranslatedLanguage | undefined): void {
  if (language) {
    l10n.config({ fsPath: bundlePath(language) });
    locale = language;
  } else {
    useMessageBundle(undefined, 'en');
  }
}

/**
 * Core texts from here on come from `bundle` (English when undefined), in `language`: in the extension, the
 * bundle and display language VS Code chose.
 */
export function useMessageBundle(bundle: { [message: string]: string } | undefined, language: string): void {
  l10n.config({ contents: bundle ?? {} });
  locale = bundle ? language : 'en';
}
