import { appendFile } from 'node:fs/promises';
import { ApiError } from './apiError';
import type { InferenceResult } from './inference';
import { errorMessage } from '../errors/errorText';

/** A request the upstream does not answer within this time fails with 504, as a gateway would. */
const UPSTREAM_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Forwards inference requests to a real OpenAI-compatible server (a local model server, say) and records each
 * exchange as a line of `recordFile` (JSONL) when one is given, so a run can be inspected or replayed later.
 * Upstream calls carry only the upstream's own key (`BATCH_STUDIO_UPSTREAM_API_KEY`), never a caller's:
 * a key sent to the emulator stays with the emulator.
 */
export class UpstreamClient {
  private recording: Promise<void> = Promise.resolve();

  constructor(
    private readonly baseUrl: string,
    private readonly authorization: string | undefined,
    private readonly recordFile: string | undefined,
  ) {}

  async forward(endpoint: string, body: Record<string, unknown>): Promise<InferenceResult> {
    const { authorization } = this;
    const url = this.baseUrl.replace(/\/+$/, '') + endpoint.replace(/^\/v1/, '');
    let result: InferenceResult;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
      result = parseUpstreamAnswer(response.status, await response.text());
    } catch (error) {
      const reason = errorMessage(error);
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      result = { status: timedOut ? 504 : 502, body: new ApiError(502, `The upstream ${url} did not answer: ${reason}`, 'server_error', null, 'upstream_error').toBody() };
    }
    this.record(endpoint, body, result);
    return result;
  }

  /** Waits for the recordings written so far. */
  flush(): Promise<void> {
    return this.recording;
  }

  private record(endpoint: string, request: unknown, result: InferenceResult): void {
    if (!this.recordFile) return;
    const line = JSON.stringify({ at: new Date().toISOString(), endpoint, request, status: result.status, response: result.body }) + '\n';
    const file = this.recordFile;
    // Appends are chained so lines never interleave; a failed append loses one recording, not the answer.
    this.recording = this.recording.then(() => appendFile(file, line)).catch(() => undefined);
  }
}

/** The upstream's JSON object as it is, or a 502 saying what came back when it is not a JSON object (`null`, say). */
function parseUpstreamAnswer(status: number, text: string): InferenceResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return { status, body };
  const message = `The upstream answered ${status} with a body that is not a JSON object: ${JSON.stringify(text.slice(0, 200))}`;
  return { status: 502, body: new ApiError(502, message, 'server_error', null, 'upstream_error').toBody() };
}
