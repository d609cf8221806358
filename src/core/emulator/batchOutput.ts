import { once } from 'node:events';
import { createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import type { FileStore } from './fileStore';
import { newId } from './ids';
import type { InferenceResult } from './inference';
import type { BatchOutputLine } from './types';
import { usageOf } from './usage';

export function answeredLine(customId: string, result: InferenceResult): BatchOutputLine {
  return { id: newId('batch_req_'), custom_id: customId, response: { status_code: result.status, request_id: newId('req_'), body: result.body }, error: null };
}

export function expiredLine(customId: string): BatchOutputLine {
  return {
    id: newId('batch_req_'),
    custom_id: customId,
    response: null,
    error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' },
  };
}

/** One of the two files a batch writes, streamed to a temp path with backpressure. */
class OutputFile {
  lines = 0;
  private readonly path: string;
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(files: FileStore) {
    this.path = files.tempPath();
    this.stream = createWriteStream(this.path);
    // Kept for `write`/`finish` to throw, so a disk error fails the batch instead of crashing the process.
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  async write(text: string, lines: number): Promise<void> {
    if (this.failure) throw this.failure;
    this.lines += lines;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Closes the stream; registers the file (returning its id) when it has lines, else removes it. */
  async finish(files: FileStore, filename: string, lifetimeSeconds: number | undefined): Promise<string | undefined> {
    await this.close();
    if (this.failure) throw this.failure;
    if (this.lines === 0) {
      await fs.rm(this.path, { force: true });
      return undefined;
    }
    return (await files.add(this.path, filename, 'batch_output', lifetimeSeconds)).id;
  }

  async discard(): Promise<void> {
    await this.close();
    await fs.rm(this.path, { force: true });
  }

  /** Ends the stream after the writes still in flight (destroying it under them would fail them). */
  private async close(): Promise<void> {
    if (this.stream.closed) return;
    const closed = once(this.stream, 'close');
    this.stream.end();
    await closed;
  }
}

/**
 * The output file (answers with status 200) and the error file (everything else) of one batch run, with the
 * counts and summed usage that go on the batch object.
 */
export class BatchOutputWriter {
  readonly usage = { input: 0, output: 0, cached: 0, reasoning: 0 };
  private readonly output: OutputFile;
  private readonly errors: OutputFile;

  constructor(private readonly files: FileStore) {
    this.output = new OutputFile(files);
    this.errors = new OutputFile(files);
  }

  get completed(): number {
    return this.output.lines;
  }

  get failed(): number {
    return this.errors.lines;
  }

  /** Appends lines in the order given, each to the file it belongs in. */
  async write(lines: BatchOutputLine[]): Promise<void> {
    let outputText = '';
    let errorText = '';
    let outputLines = 0;
    for (const line of lines) {
      const text = JSON.stringify(line) + '\n';
      if (line.response?.status_code === 200) {
        outputText += text;
        outputLines++;
        this.addUsage(line.response.body);
      } else {
        errorText += text;
      }
    }
    if (outputLines > 0) await this.output.write(outputText, outputLines);
    if (outputLines < lines.length) await this.errors.write(errorText, lines.length - outputLines);
  }

  async finish(batchId: string, lifetimeSeconds: number | undefined): Promise<{ output_file_id?: string; error_file_id?: string }> {
    const outputFileId = await this.output.finish(this.files, `${batchId}_output.jsonl`, lifetimeSeconds);
    const errorFileId = await this.errors.finish(this.files, `${batchId}_error.jsonl`, lifetimeSeconds);
    return { ...(outputFileId && { output_file_id: outputFileId }), ...(errorFileId && { error_file_id: errorFileId }) };
  }

  async discard(): Promise<void> {
    await Promise.all([this.output.discard(), this.errors.discard()]);
  }

  private addUsage(body: unknown): void {
    const usage = usageOf(body);
    if (!usage) return;
    this.usage.input += usage.input;
    this.usage.output += usage.output;
    this.usage.cached += usage.cached;
    this.usage.reasoning += usage.reasoning;
  }
}
