import * as l10n from '@vscode/l10n';
import { basename, dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { detectRequestDialect, type DialectName } from '../dialects';
import { readFileLines } from '../jsonl/fileLines';
import { isBlankLine } from '../jsonl/lines';
import { writeFileInPlace } from '../authoring/bufferedFileWriter';
import { isJsonObject } from '../validation/jsonValues';
import { readAnthropicChat, writeAnthropicChat } from './anthropicChat';
import { readGeminiChat, writeGeminiChat } from './geminiChat';
import { NotConvertibleError, type ConversionNote, type NeutralChat, type ReadChat } from './neutralChat';
import { readOpenAIChat, writeOpenAIChat } from './openaiChat';

type Json = Record<string, unknown>;

const READERS: Readonly<Record<DialectName, (line: Json) => ReadChat>> = { openai: readOpenAIChat, anthropic: readAnthropicChat, gemini: readGeminiChat };
const WRITERS: Readonly<Record<DialectName, (chat: NeutralChat) => { line: Json; notes: ConversionNote[] }>> = {
  openai: writeOpenAIChat,
  anthropic: writeAnthropicChat,
  gemini: writeGeminiChat,
};

/** Notes kept for the new file (one per line per parameter adds up on 50,000 lines); the rest are counted. */
export const MAX_CONVERSION_NOTES = 1000;

/** What could not be carried over, on the 0-based line of the new file it concerns (line 0 for a line left out). */
export interface ConversionDiagnostic {
  line: number;
  param?: string;
  message: string;
  /** `warning`: something was left out or changed; `error`: an input line was not converted at all. */
  severity: 'warning' | 'error';
}

export interface ConversionResult {
  outPath: string;
  target: DialectName;
  /** Request lines written. */
  converted: number;
  /** Input lines that were not chat requests (left out of the new file). */
  skipped: number;
  diagnostics: ConversionDiagnostic[];
  /** Diagnostics beyond {@link MAX_CONVERSION_NOTES}, not listed. */
  unlisted: number;
}

export interface ConvertOptions {
  /** Where to write; default `<name>.<target>.batch.jsonl` beside the input (`-2`, `-3`… when taken). */
  outPath?: string;
  /** The model every converted request names (default: each request's own; Gemini lines name none). */
  model?: string;
}

/** `data.batch.jsonl` → `data.anthropic.batch.jsonl` beside it, numbered on when that name is taken. */
export function convertedFilePath(inputPath: string, target: DialectName): string {
  const base = basename(inputPath).replace(/(\.batch)?\.jsonl?$/i, '').replace(/\.(openai|anthropic|gemini)(-\d+)?$/, '');
  for (let n = 1; ; n++) {
    const candidate = join(dirname(inputPath), `${base}.${target}${n > 1 ? `-${n}` : ''}.batch.jsonl`);
    if (!existsSync(candidate)) return candidate;
  }
}

/**
 * Converts the chat requests of a batch file (any dialect, line by line) to `target`'s format, streaming it
 * to a new file: the system prompt goes where the target wants it, `max_tokens` is set where Anthropic requires
 * it, roles and text and image parts are mapped, ids kept (`custom_id` ↔ `key`). Whatever the target cannot hold
 * (an OpenAI-only parameter, a tool message, a model Gemini lines do not name) is listed as a diagnostic on
 * the new file's line; a line that is not a chat request is left out and said so on line 1.
 */
export async function convertBatchFile(inputPath: string, target: DialectName, options: ConvertOptions = {}): Promise<ConversionResult> {
  const outPath = options.outPath ?? convertedFilePath(inputPath, target);
  const result: ConversionResult = { outPath, target, converted: 0, skipped: 0, diagnostics: [], unlisted: 0 };
  const report = (diagnostic: ConversionDiagnostic) => {
    if (result.diagnostics.length < MAX_CONVERSION_NOTES) result.diagnostics.push(diagnostic);
    else result.unlisted++;
  };
  let fileDialect: DialectName | undefined;
  await writeFileInPlace(outPath, async (sink) => {
    // readFileLines calls back synchronously per line: each is converted as it comes, nothing is kept.
    await readFileLines(inputPath, (line, index) => {
      const text = line.text.replace(/^\uFEFF/, '');
      if (isBlankLine(text)) return;
      const skip = (why: string) => {
        result.skipped++;
        report({ line: 0, severity: 'error', message: l10n.t('Input line {0} is not in the new file: {1}', index + 1, why) });
      };
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return skip(l10n.t('it is not valid JSON'));
      }
      if (!isJsonObject(value)) return skip(l10n.t('it is not a JSON object'));
      const source = detectRequestDialect(value)?.name ?? fileDialect;
      if (!source) return skip(l10n.t('it is not a request of any batch format'));
      fileDialect ??= source;
      const outLine = result.converted;
      if (source === target) {
        sink.write(`${text}\n`);
        result.converted++;
        return;
      }
      let read: ReadChat;
      try {
        read = READERS[source](value);
      } catch (error) {
        if (error instanceof NotConvertibleError) return skip(error.message);
        throw error;
      }
      if (options.model) read.chat.model = options.model;
      else if (read.chat.model !== undefined && target !== 'gemini') {
        const param = target === 'anthropic' ? 'params.model' : 'body.model';
        read.notes.push({ param, message: l10n.t('{0} "{1}" is kept from the {2} request: set a model the target serves', param, read.chat.model, source) });
      }
      const written = WRITERS[target](read.chat);
      sink.write(`${JSON.stringify(written.line)}\n`);
      result.converted++;
      for (const note of [...read.notes, ...written.notes]) report({ line: outLine, param: note.param, message: note.message, severity: 'warning' });
    });
  });
  return result;
}
