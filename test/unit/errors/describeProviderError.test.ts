import assert from 'node:assert/strict';
import { ApiError as GeminiApiError } from '@google/genai';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { Job } from '../../../src/core/jobs/job';
import { MissingApiKeyError, redactSecrets, type ProviderLog } from '../../../src/core/providers';
import { submitBatchFile } from '../../../src/core/submit';
import { describeFileError, describeProviderError, errorMessage } from '../../../src/core/errors';
import { chatLines, emulatorProfile, memoryJobStore, providerFor, TEST_KEY, testResources, writeBatchFile } from '../providers/support';

function apiError(status: number, error: Record<string, unknown>, headers: Record<string, string> = {}): APIError {
  return APIError.generate(status, { error }, undefined, new Headers({ 'x-request-id': 'req_123', ...headers }));
}

describe('describeProviderError: submit', () => {
  const resources = testResources();

  it('a connection failure names its real cause: the address that was not found, the refusal', () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND api.openai.com'), { code: 'ENOTFOUND', hostname: 'api.openai.com' });
    const described = describeProviderError('submit', new APIConnectionError({ message: 'Connection error.', cause: new TypeError('fetch failed', { cause: notFound }) }), { profileName: 'OpenAI' });
    assert.match(described.message, /api\.openai\.com was not found \(ENOTFOUND\)/);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    assert.match(describeProviderError('submit', new APIConnectionError({ message: 'Connection error.', cause: refused }), { profileName: 'Local' }).message, /refused the connection \(ECONNREFUSED\)/);
  });

  it('401 and a missing key: set the key', () => {
    const refused = describeProviderError('submit', apiError(401, { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' }), { profileName: 'OpenAI' });
    assert.equal(refused.action, 'set-api-key');
    assert.match(refused.message, /Set the API key/);
    assert.equal(refused.requestId, 'req_123');
    assert.match(refused.logDetail, /status=401 .*request_id=req_123/);
    assert.equal(describeProviderError('submit', new MissingApiKeyError('OpenAI')).action, 'set-api-key');
  });

  it('model not found: names the line from the failed batch, else the model from validation', () => {
    const job = { errors: [{ code: 'model_not_found', message: 'The model gpt-9 does not exist', param: 'body.model', line: 7 }], model: 'gpt-9' } as Job;
    const fromBatch = describeProviderError('submit', new Error('batch failed'), { job });
    assert.equal(fromBatch.line, 7);
    assert.equal(fromBatch.action, 'show-problems');
    assert.match(fromBatch.message, /"gpt-9" was not found \(line 7\)/);
    const fromApi = describeProviderError('submit', apiError(404, { message: 'The model `gpt-9` does not exist', code: 'model_not_found' }), { report: { kind: 'input', requests: 1, bytes: 1, diagnostics: [], model: 'gpt-9' } });
    assert.match(fromApi.message, /"gpt-9" was not found/);
  });

  it('enqueued-token limit: what it means and when to retry', () => {
    const described = describeProviderError('submit', apiError(400, { message: 'Enqueued token limit reached for gpt-4o-mini in organization org-x. Limit: 2,000,000 enqueued tokens.', code: 'token_limit_exceeded' }));
    assert.equal(described.action, 'retry-later');
    assert.match(described.message, /waiting for this model/);
    assert.match(described.message, /when some of them have finished/);
  });

  it('429: when to retry, from Retry-After', () => {
    const described = describeProviderError('submit', apiError(429, { message: 'Rate limit reached', code: 'rate_limit_exceeded' }, { 'retry-after': '12' }));
    assert.equal(described.action, 'retry-later');
    assert.equal(described.retryAfterSeconds, 12);
    assert.match(described.message, /in 12 s/);
  });

  it('network failures and 5xx: retry, safely', () => {
    assert.equal(describeProviderError('submit', new APIConnectionError({ message: 'Connection error.' })).action, 'retry');
    assert.match(describeProviderError('submit', new APIConnectionTimeoutError()).message, /timed out/);
    assert.equal(describeProviderError('submit', apiError(502, { message: 'bad gateway' })).action, 'retry');
  });

  it('redaction: a known key and key-shaped strings never survive', () => {
    const text = `Incorrect API key provided: ${TEST_KEY}. Authorization: Bearer abc.def-123 api-key: azurekey42 other sk-proj-ABCDEFGHIJKLMNOP`;
    const redacted = redactSecrets(text, [TEST_KEY, 'azurekey42']);
    for (const secret of [TEST_KEY, 'abc.def-123', 'azurekey42', 'sk-proj-ABCDEFGHIJKLMNOP']) assert.ok(!redacted.includes(secret), `${secret} in ${redacted}`);
    assert.match(redacted, /Incorrect API key provided: \[redacted\]/);
  });

  it('the key never appears in any error text, whatever the error carries', () => {
    const key = 'my-plain-secret-without-prefix';
    const errors: unknown[] = [
      apiError(401, { message: `Incorrect API key provided: ${key}` }),
      new APIConnectionError({ message: `connect ECONNREFUSED with key ${key}` }),
      new Error(`failed`, { cause: new Error(`inner ${key}`) }),
      apiError(400, { message: `Enqueued token limit reached (${key})` }),
    ];
    for (const error of errors) {
      const described = describeProviderError('submit', error, { secrets: [key] });
      assert.ok(!JSON.stringify(described).includes(key), JSON.stringify(described));
    }
  });

  it('nothing written to the log during a submit with a known key contains it', async () => {
    const emulator = await resources.emulator();
    const echoKey = await resources.proxy(emulator.baseUrl, ({ method, path: route, count }) =>
      method === 'POST' && route === '/v1/batches' && count === 1 ? { status: 503, body: { error: { message: `overloaded; your key ${TEST_KEY} is fine`, type: 'server_error' } }, headers: { 'retry-after-ms': '1' } } : 'pass',
    );
    const lines: string[] = [];
    const log: ProviderLog = (level, message) => lines.push(`${level} ${message}`);
    const provider = providerFor(emulatorProfile(echoKey.baseUrl), { log });
    const file = writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(2));
    const result = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store, log, apiKey: TEST_KEY });
    assert.equal(result.outcome, 'submitted');
    assert.ok(lines.some((line) => line.includes('create attempt failed')), lines.join('\n'));
    assert.ok(lines.every((line) => !line.includes(TEST_KEY)), lines.join('\n'));
  });
});

describe('describeProviderError: worded per operation', () => {
  const serverError = () => apiError(500, { message: 'The server had an error' });
  const others = ['cancel', 'import', 'download', 'status', 'poll'] as const;

  it('only a submit is told to submit again, or that submit looks for an existing batch', () => {
    for (const operation of others) {
      for (const error of [serverError(), new APIConnectionError({ message: 'Connection error.' }), apiError(401, { message: 'Incorrect API key provided' }), new Error('boom')]) {
        const { message } = describeProviderError(operation, error, { profileName: 'OpenAI' });
        assert.doesNotMatch(message, /submit/i, `${operation}: ${message}`);
      }
    }
    assert.match(describeProviderError('submit', serverError()).message, /submit looks for a batch/);
  });

  it('each operation names its own next step', () => {
    assert.match(describeProviderError('cancel', serverError()).message, /cancel the batch again/);
    assert.match(describeProviderError('import', serverError()).message, /import again/);
    assert.match(describeProviderError('download', serverError()).message, /download again/);
    assert.match(describeProviderError('status', serverError()).message, /check the status again/);
    assert.match(describeProviderError('poll', apiError(401, { message: 'bad key' }), { profileName: 'OpenAI' }).message, /Set the API key for this profile: checking resumes when it is set/);
    assert.match(describeProviderError('cancel', new Error('boom')).message, /^Cancelling failed: boom$/);
  });

  it('a 404 means an expired file on download and an unknown batch on cancel, not a wrong base URL', () => {
    const notFound = () => apiError(404, { message: 'No such File object' });
    assert.match(describeProviderError('download', notFound()).message, /no longer on the provider/);
    assert.match(describeProviderError('cancel', notFound(), { profileName: 'OpenAI' }).message, /does not know this batch/);
    assert.match(describeProviderError('import', notFound(), { profileName: 'OpenAI' }).message, /Check the base URL/);
  });

  it('keys are redacted whatever the operation', () => {
    for (const operation of [...others, 'submit'] as const) {
      const { message, logDetail } = describeProviderError(operation, new Error('echo sk-live-abcdefghijkl and secret-key-1'), { secrets: ['secret-key-1'] });
      assert.doesNotMatch(`${message} ${logDetail}`, /sk-live|secret-key-1/, operation);
    }
  });
});

describe('describeProviderError: Gemini API errors', () => {
  // The Google Gen AI SDK's ApiError carries the answer's whole JSON body as its message.
  const geminiError = (status: number, code: string, message: string) =>
    new GeminiApiError({ status, message: JSON.stringify({ error: { code: status, message, status: code, details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'X' }] } }) });

  it('shows Google\'s message in words, not the JSON body', () => {
    const described = describeProviderError('download', geminiError(400, 'INVALID_ARGUMENT', 'Batch file is malformed at line 3.'), { profileName: 'Gemini' });
    assert.match(described.message, /Batch file is malformed at line 3\.$/);
    assert.doesNotMatch(described.message, /[{}]|google\.rpc|INVALID_ARGUMENT"/);
    assert.match(described.logDetail, /status=400 code=invalid_argument/);
  });

  it('keeps a message that is not Google\'s JSON as it is', () => {
    assert.match(describeProviderError('download', new GeminiApiError({ status: 400, message: 'got status: 400 Bad Request.' })).message, /got status: 400 Bad Request\.$/);
  });
});

describe('describeFileError: file-system errors in words', () => {
  const fsError = (code: string, path: string) => Object.assign(new Error(`${code}: raw`), { code, path });

  it('names the path and what is wrong with it', () => {
    assert.equal(describeFileError(fsError('ENOENT', '/w/a.jsonl')), '/w/a.jsonl does not exist');
    assert.equal(describeFileError(fsError('EACCES', '/w/a.jsonl')), '/w/a.jsonl cannot be accessed (permission denied)');
    assert.equal(describeFileError(fsError('EISDIR', '/w')), '/w is a folder, not a file');
    assert.equal(describeFileError(fsError('ENOSPC', '/w/a.jsonl')), 'there is no space left on the disk for /w/a.jsonl');
  });

  it('anything else by its message, redacted', () => {
    assert.equal(describeFileError(new Error('odd sk-abcdefghijklmnop')), 'odd [redacted]');
    assert.equal(errorMessage('plain'), 'plain');
  });
});
