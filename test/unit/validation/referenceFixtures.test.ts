import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateBatchFile, validateBatchText } from '../../../src/core/validation';
import { findings, sharedJsonlDir } from './helpers';

/**
 * The real batch files in ../shared/reference/jsonl, each with the result its SOURCES.md implies:
 * valid inputs have no errors, INVALID ones get the right codes on the right lines, results are output.
 */
const EXPECTED_ERRORS: Record<string, string[]> = {
  'langbatch__chat_completion_batch_empty.jsonl': ['1:empty_batch'],
  'litellm__batch_small.jsonl': ['4', '5', '6', '7', '8', '9', '10', '11', '12'].map((line) => `${line}:duplicate_custom_id`),
  'litellm__openai_batch_completions_router.jsonl': ['1:invalid_url', '2:invalid_url', '3:invalid_url'],
  'langbatch__chat_completion_batch_invalid.jsonl': ['1:invalid_body', '2:invalid_body'],
  'langbatch__embedding_batch_invalid.jsonl': ['1:invalid_body', '2:missing_required_parameter'],
  'langbatch__chat_completion_partial_requests.jsonl': [1, 2].flatMap((line) => ['custom_id', 'method', 'url', 'body'].map(() => `${line}:missing_required_parameter`)),
  'vllm__test_run_batch.INPUT_BATCH.jsonl': ['3:model_mismatch', '4:invalid_url', '5:invalid_body'],
  'vllm__test_run_batch.INVALID_INPUT_BATCH.jsonl': ['1:missing_required_parameter'],
  'vllm__test_run_batch.INPUT_EMBEDDING_BATCH.jsonl': ['4:model_mismatch'],
  'vllm__test_run_batch.INPUT_RERANK_BATCH.jsonl': ['1:invalid_url', '2:invalid_url', '3:duplicate_custom_id', '3:invalid_url'],
};

const OUTPUT_FILES = /(_output|_results|error_file|BatchRequestOutput)/;

describe('reference batch files (../shared/reference/jsonl)', () => {
  const dir = sharedJsonlDir();
  const files = dir ? readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort() : [];

  before(function () {
    if (!dir) {
      console.log('    ../shared/reference/jsonl is absent: skipping the reference files');
      this.skip();
    }
  });

  it('knows every file in the folder', function () {
    if (!dir) this.skip();
    assert.ok(files.length >= 29, `${files.length} files`);
  });

  for (const name of files) {
    it(name, async () => {
      const file = path.join(dir!, name);
      const report = await validateBatchFile(file, { provider: 'openai' });
      const errors = findings({ ...report, diagnostics: report.diagnostics.filter((d) => d.severity === 'error') });
      if (OUTPUT_FILES.test(name)) {
        assert.equal(report.kind, 'output');
        assert.deepEqual(report.diagnostics, []);
      } else {
        assert.equal(report.kind, 'input');
        assert.deepEqual(errors, EXPECTED_ERRORS[name] ?? []);
      }
      // The editor's validator, given the same text, agrees with the streaming one.
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(validateBatchText(text, { provider: 'openai' }), report);
    });
  }

  it('accepts the Azure-style urls for Azure', async function () {
    if (!dir) this.skip();
    const report = await validateBatchFile(path.join(dir!, 'litellm__openai_batch_completions_router.jsonl'), { provider: 'azure' });
    assert.deepEqual(report.diagnostics, []);
  });

  it('names the reasons of the INVALID bodies', async function () {
    if (!dir) this.skip();
    const report = await validateBatchFile(path.join(dir!, 'langbatch__chat_completion_batch_invalid.jsonl'), { provider: 'openai' });
    assert.deepEqual(
      report.diagnostics.map((d) => d.message),
      ['body.messages is missing (/v1/chat/completions requires it)', 'body.messages[0].role must be one of system, user, assistant, tool, developer (got "robot")'],
    );
  });
});
