import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, invalidRequest } from './apiError';

/** Every emulator answer carries this header, so a client (or a person reading curl -i) can tell it is emulated. */
export const EMULATOR_HEADER = { 'x-emulator': 'llm-batch-studio' } as const;

/** JSON request bodies beyond this are refused: real request bodies are far smaller; uploads use multipart. */
const MAX_JSON_BODY_BYTES = 64 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...EMULATOR_HEADER,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, error.toBody(), error.headers);
}

/** True when the request says its body is JSON (`application/json`, optionally with a charset). */
function isJsonContentType(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/** Reads and parses a JSON object body, with the real API's errors for a wrong content type, bad JSON or size. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!isJsonContentType(req)) {
    throw invalidRequest(
      `Invalid Content-Type header (${req.headers['content-type'] ?? 'none'}), expected application/json.`,
      null,
      'invalid_content_type',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY_BYTES) {
      throw new ApiError(413, `Request body too large: the limit is ${MAX_JSON_BODY_BYTES} bytes.`, 'invalid_request_error', null, 'request_too_large', {
        connection: 'close',
      });
    }
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw invalidRequest(
      'We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
