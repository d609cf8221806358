import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS, FOCUS_JOBS_VIEW_COMMAND, INTERNAL_COMMANDS, JOBS_VIEW, SETTINGS, settingKey, type SettingName } from '../../../src/core/contributionIds';

const repoRoot = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[];
    menus: Record<string, { command?: string; submenu?: string }[]>;
    views: Record<string, { id: string }[]>;
    viewsWelcome?: { contents: string }[];
  };
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}
const extensionSources = sourceFiles(path.join(repoRoot, 'src', 'extension')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const sorted = (values: Iterable<string>) => [...values].sort();

describe('command ids and setting keys (core/contributionIds) against package.json', () => {
  it('every contributed command is in the module, and every command of the module is contributed', () => {
    assert.deepEqual(sorted(manifest.contributes.commands.map((entry) => entry.command)), sorted(Object.values(COMMANDS)));
  });

  it('every command is registered exactly once, through registerCommand with an id from the module', () => {
    const registered = extensionSources.flatMap(({ text }) => [...text.matchAll(/registerCommand\((INTERNAL_COMMANDS|COMMANDS)\.(\w+)/g)].map((match) => `${match[1]}.${match[2]}`));
    const expected = [...Object.keys(COMMANDS).map((name) => `COMMANDS.${name}`), ...Object.keys(INTERNAL_COMMANDS).map((name) => `INTERNAL_COMMANDS.${name}`)];
    assert.deepEqual(sorted(registered), sorted(expected));
    const otherWays = extensionSources.filter(({ file, text }) => !file.endsWith(path.join('commands', 'registerCommand.ts')) && /vscode\.commands\.registerCommand\b/.test(text));
    assert.deepEqual(otherWays.map(({ file }) => path.relative(repoRoot, file)), []);
  });

  it('menus and welcome links name only contributed commands', () => {
    const known = new Set<string>([...Object.values(COMMANDS), FOCUS_JOBS_VIEW_COMMAND]);
    const inMenus = Object.values(manifest.contributes.menus).flatMap((entries) => entries.flatMap((entry) => (entry.command ? [entry.command] : [])));
    const inWelcome = (manifest.contributes.viewsWelcome ?? []).flatMap((entry) => [...entry.contents.matchAll(/command:([\w.]+)/g)].map((match) => match[1]));
    assert.deepEqual([...inMenus, ...inWelcome].filter((command) => !known.has(command)), []);
  });

  it('the Jobs view is contributed under the id the extension creates it with', () => {
    assert.ok(Object.values(manifest.contributes.views).flat().some((view) => view.id === JOBS_VIEW));
  });

  it('Submit Batch File is offered from the first second: trust is decided when it runs, not by the manifest', () => {
    const submit = manifest.contributes.commands.find((entry) => entry.command === COMMANDS.submit) as { enablement?: string };
    const submitMenus = Object.values(manifest.contributes.menus).flat().filter((entry) => entry.command === COMMANDS.submit) as { when?: string }[];
    assert.deepEqual([submit.enablement, ...submitMenus.map((entry) => entry.when)].filter((clause) => clause?.includes('isWorkspaceTrusted')), []);
  });

  it('declares no activation event VS Code already implies from the contributions', () => {
    const events = (manifest as { activationEvents?: string[] }).activationEvents ?? [];
    const implied = [...Object.values(COMMANDS).map((command) => `onCommand:${command}`), `onView:${JOBS_VIEW}`, 'onLanguage:batch-jsonl'];
    assert.deepEqual(events.filter((event) => implied.includes(event)), []);
  });

  it('every contributed setting is in the module, and every setting of the module is contributed', () => {
    const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const contributed = sections.flatMap((section) => Object.keys(section.properties));
    assert.deepEqual(sorted(contributed), sorted((Object.keys(SETTINGS) as SettingName[]).map(settingKey)));
  });

  it('every setting is read by the configuration reader', () => {
    const reader = extensionSources.find(({ file }) => file.endsWith(path.join('extension', 'configuration.ts')))!.text;
    const read = new Set([...reader.matchAll(/KEYS\.(\w+)/g)].map((match) => match[1]));
    assert.deepEqual(Object.keys(SETTINGS).filter((name) => !read.has(name)), []);
  });
});
