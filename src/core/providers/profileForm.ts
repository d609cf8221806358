import * as l10n from '@vscode/l10n';
import type { Profile, ProfileKind } from './profile';

/** The kinds a user picks from when adding a profile, with what each is for and a starting URL (in the language chosen at run time). */
export function profileKindChoices(): readonly { kind: ProfileKind; label: string; detail: string; exampleUrl: string }[] {
  return [
    { kind: 'openai', label: l10n.t('OpenAI or compatible'), detail: l10n.t('OpenAI, Groq, Together, LiteLLM, vLLM: any OpenAI-style batch API'), exampleUrl: 'https://api.openai.com/v1' },
    { kind: 'azure', label: 'Azure OpenAI', detail: l10n.t('An Azure OpenAI resource (the deployment name is the model)'), exampleUrl: 'https://RESOURCE.openai.azure.com' },
    { kind: 'seed', label: l10n.t('DeepSeek-style batch API'), detail: l10n.t('The seed API: sync, jobs or files mode'), exampleUrl: 'https://gateway.example/v1' },
    { kind: 'anthropic', label: 'Anthropic', detail: l10n.t('Message Batches: files of {custom_id, params} lines'), exampleUrl: 'https://api.anthropic.com' },
    {
      kind: 'gemini',
      label: 'Gemini',
      detail: l10n.t('Gemini Batch Mode: files of {key, request} lines (set "model" in the profile; default gemini-2.5-flash)'),
      exampleUrl: 'https://generativelanguage.googleapis.com',
    },
    { kind: 'emulator', label: l10n.t('An emulator you run'), detail: l10n.t('batch-studio emulator on this or another machine; no key needed'), exampleUrl: 'http://127.0.0.1:8080/v1' },
  ];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What is wrong with a base URL typed into the form, in words, or undefined when it will do. */
export function baseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return l10n.t('Enter a full URL, e.g. https://api.openai.com/v1');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return l10n.t('The URL must start with https:// (or http:// for a server on this machine).');
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return l10n.t('Use https://: over http the API key could be read on the way (http is fine for localhost and 127.0.0.1).');
  if (url.username || url.password) return l10n.t("Leave the key out of the URL: the next step stores it in VS Code's secret storage.");
  if (url.search || url.hash) return l10n.t('The base URL takes no query (?…) or fragment (#…).');
  return undefined;
}

/** What is wrong with a profile name, or undefined. `taken`: the names of the other profiles. */
export function profileNameProblem(name: string, taken: readonly string[]): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return l10n.t('Give the profile a name (it shows in Select Profile and on each job).');
  if (taken.some((other) => other.toLowerCase() === trimmed.toLowerCase())) return l10n.t('A profile named "{0}" exists already.', trimmed);
  return undefined;
}

/**
 * The `batchStudio.profiles` entries with `profile` added, or in place of the entry named `replacing`
 * (keeping that entry's other fields, such as `limits` or `apiVersion`, that the form does not ask for).
 */
export function withProfileEntry(entries: readonly unknown[], profile: Profile, replacing?: string): unknown[] {
  const index = replacing === undefined ? -1 : entries.findIndex((entry) => (entry as { name?: unknown } | null)?.name === replacing);
  if (index < 0) return [...entries, profile];
  const updated = [...entries];
  updated[index] = { ...(entries[index] as object), ...profile };
  return updated;
}
