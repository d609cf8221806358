import * as l10n from '@vscode/l10n';
import type { Argument, Command, Help, Option } from 'commander';

/*
 * Commander writes its own words (help headings, "display help for command", "(default: …)", parse errors)
 * in English and has no message catalogue: they are given or rewritten here, so help and errors follow
 * the terminal's language like the rest of the CLI.
 */

/** The help headings commander passes to `styleTitle`. */
function helpHeading(title: string): string {
  switch (title) {
    case 'Usage:':
      return l10n.t('Usage:');
    case 'Options:':
      return l10n.t('Options:');
    case 'Commands:':
      return l10n.t('Commands:');
    case 'Arguments:':
      return l10n.t('Arguments:');
    case 'Global Options:':
      return l10n.t('Global Options:');
    default:
      return title;
  }
}

/** `description (choices: "a", "b", default: "a")`, as commander writes it, in the message language. */
function withChoicesAndDefault(item: Option | Argument, showDefault: boolean): string {
  const extra: string[] = [];
  if (item.argChoices) extra.push(l10n.t('choices: {0}', item.argChoices.map((choice) => JSON.stringify(choice)).join(', ')));
  if (showDefault && item.defaultValue !== undefined) extra.push(l10n.t('default: {0}', item.defaultValueDescription || JSON.stringify(item.defaultValue)));
  if (!extra.length) return item.description;
  const details = extra.join(l10n.t(', '));
  return item.description ? l10n.t('{0} ({1})', item.description, details) : l10n.t('({0})', details);
}

/** Sets commander's own words on `program` before its subcommands are added (they inherit them). */
export function localizeCommander(program: Command): Command {
  return program
    .helpOption('-h, --help', l10n.t('display help for command'))
    .helpCommand('help [command]', l10n.t('display help for command'))
    .configureHelp({
      styleTitle: helpHeading,
      // Commander shows a boolean option's default only when it is a boolean: these options have none.
      optionDescription: (option: Option) => withChoicesAndDefault(option, option.required || option.optional),
      argumentDescription: (argument: Argument) => withChoicesAndDefault(argument, true),
    } satisfies Partial<Help>);
}

/** Commander's parse errors (and its "Did you mean" hints), matched by their fixed English wording. */
const PARSE_ERRORS: [RegExp, (...parts: string[]) => string][] = [
  [/^error: unknown option '(.*)'$/, (flag) => l10n.t("error: unknown option '{0}'", flag)],
  [/^error: unknown command '(.*)'$/, (name) => l10n.t("error: unknown command '{0}'", name)],
  [/^error: missing required argument '(.*)'$/, (name) => l10n.t("error: missing required argument '{0}'", name)],
  [/^error: option '(.*)' argument missing$/, (flags) => l10n.t("error: option '{0}' argument missing", flags)],
  [/^error: required option '(.*)' not specified$/, (flags) => l10n.t("error: required option '{0}' not specified", flags)],
  [/^error: too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\.$/, (name, expected, got) => l10n.t("error: too many arguments for '{0}': it takes {1}, got {2}.", name, expected, got)],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, (expected, got) => l10n.t('error: too many arguments: it takes {0}, got {1}.', expected, got)],
  [/^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/s, (flags, value, choices) => l10n.t("error: option '{0}' argument '{1}' is invalid. Allowed choices are {2}.", flags, value, choices)],
  [/^error: option '(.*)' argument '(.*)' is invalid\. (.*)$/s, (flags, value, why) => l10n.t("error: option '{0}' argument '{1}' is invalid. {2}", flags, value, why)],
  [/^\(Did you mean one of (.*)\?\)$/, (names) => l10n.t('(Did you mean one of {0}?)', names)],
  [/^\(Did you mean (.*)\?\)$/, (name) => l10n.t('(Did you mean {0}?)', name)],
];

/** One of commander's error texts (one or more lines, ending in a newline) in the message language. */
export function commanderErrorText(text: string): string {
  return text.replace(/[^\n]+/g, (line) => {
    for (const [pattern, translate] of PARSE_ERRORS) {
      const match = pattern.exec(line);
      if (match) return translate(...match.slice(1));
    }
    return line;
  });
}
