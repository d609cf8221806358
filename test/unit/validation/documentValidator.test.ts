import * as assert from 'node:assert/strict';
import { BatchDocumentValidator, type TextContentChange } from '../../../src/core/validation';
import { chatRequest, jsonl, validate } from './helpers';

function validatorFor(text: string): BatchDocumentValidator {
  const validator = new BatchDocumentValidator({ provider: 'openai' });
  validator.setText(text);
  return validator;
}

/** Applies a VS Code-style change to a plain string, to compare against the validator's view. */
function applyToText(text: string, change: TextContentChange): string {
  const lines = text.split('\n');
  const offset = (line: number, character: number) => lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + character;
  const start = offset(change.range.start.line, change.range.start.character);
  const end = offset(change.range.end.line, change.range.end.character);
  return text.slice(0, start) + change.text + text.slice(end);
}

function change(startLine: number, startCharacter: number, endLine: number, endCharacter: number, text: string): TextContentChange {
  return { range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } }, text };
}

describe('BatchDocumentValidator', () => {
  const text = jsonl(chatRequest('a'), chatRequest('b'), chatRequest('c'));

  it('reports what validateBatchText reports', () => {
    assert.deepEqual(validatorFor(text).getReport(), validate(text));
  });

  it('follows a one-character edit that makes a duplicate, and its undo', () => {
    const validator = validatorFor(text);
    const column = text.split('\n')[2].indexOf('"c"') + 1;
    validator.applyContentChanges([change(2, column, 2, column + 1, 'a')]);
    const duplicate = validator.getReport().diagnostics;
    assert.deepEqual(duplicate.map((d) => `${d.line}:${d.code}`), ['2:duplicate_custom_id']);
    assert.deepEqual(validator.linesWithCustomId('a'), [0, 2]);
    validator.applyContentChanges([change(2, column, 2, column + 1, 'c')]);
    assert.deepEqual(validator.getReport().diagnostics, []);
    assert.deepEqual(validator.linesWithCustomId('a'), [0]);
  });

  it('renumbers lines when an edit inserts or removes lines', () => {
    const validator = validatorFor(jsonl(chatRequest('a'), chatRequest('b'), chatRequest('a')));
    validator.applyContentChanges([change(0, 0, 0, 0, '\n\n')]);
    assert.deepEqual(validator.getReport().diagnostics.map((d) => `${d.line}:${d.code}`), ['0:blank_line', '1:blank_line', '4:duplicate_custom_id']);
    assert.deepEqual(validator.getReport().diagnostics[2].related?.map((r) => r.line), [2]);
    validator.applyContentChanges([change(0, 0, 2, 0, '')]);
    assert.deepEqual(validator.getReport().diagnostics.map((d) => `${d.line}:${d.code}`), ['2:duplicate_custom_id']);
  });

  it('takes a new endpoint and model when the first request changes', () => {
    const validator = validatorFor(jsonl(chatRequest('a'), chatRequest('b', {}, { model: 'gpt-4o' })));
    assert.equal(validator.fileModel, 'gpt-4o-mini');
    assert.equal(validator.getReport().diagnostics[0].code, 'model_mismatch');
    validator.applyEdit(0, 0, JSON.stringify(chatRequest('a', {}, { model: 'gpt-4o' })));
    assert.equal(validator.fileModel, 'gpt-4o');
    assert.equal(validator.fileEndpoint, '/v1/chat/completions');
    assert.deepEqual(validator.getReport().diagnostics, []);
  });

  it('applyEdit replaces whole lines (inclusive, old numbering)', () => {
    const validator = validatorFor(text);
    validator.applyEdit(1, 2, `${JSON.stringify(chatRequest('x'))}\n${JSON.stringify(chatRequest('y'))}\n${JSON.stringify(chatRequest('z'))}`);
    assert.equal(validator.lineCount, 5);
    assert.deepEqual(validator.linesWithCustomId('z'), [3]);
    assert.equal(validator.getReport().requests, 4);
  });

  it('matches a fresh validation after many random edits (incremental indices stay right)', () => {
    let seed = 7;
    const random = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const pieces = ['\n', '"a"', 'x', '}', '', '{"custom_id":"a","method":"POST","url":"/v1/embeddings","body":{"model":"m","input":"x"}}\n'];
    let current = jsonl(chatRequest('a'), chatRequest('b'), '', chatRequest('c', { method: 'GET' }), chatRequest('b'));
    const validator = validatorFor(current);
    for (let step = 0; step < 300; step++) {
      const lines = current.split('\n');
      const startLine = random(lines.length);
      const endLine = Math.min(lines.length - 1, startLine + random(3));
      const startCharacter = random(lines[startLine].length + 1);
      const endCharacter = endLine === startLine ? startCharacter + random(lines[startLine].length - startCharacter + 1) : random(lines[endLine].length + 1);
      const edit = change(startLine, startCharacter, endLine, endCharacter, pieces[random(pieces.length)]);
      current = applyToText(current, edit);
      validator.applyContentChanges([edit]);
      assert.deepEqual(validator.getReport(), validate(current), `after step ${step}`);
    }
  });

  describe('lineInfo', () => {
    const line = '{"custom_id": "a", "method": "GET", "url": "/v1/chat/completions", "body": {"model": "gpt-4o", "stream": true, "messages": []}}';
    const validator = validatorFor(line);
    const info = validator.lineInfo(0)!;
    const slice = (start: number, end: number) => line.slice(start, end);

    it('gives the parsed line and the spans of the envelope tokens', () => {
      assert.equal(info.shape, 'object');
      assert.equal((info.value as { custom_id: string }).custom_id, 'a');
      assert.equal(slice(info.customId!.valueColumn, info.customId!.valueEndColumn), '"a"');
      assert.equal(slice(info.method!.valueColumn, info.method!.valueEndColumn), '"GET"');
      assert.equal(slice(info.url!.valueColumn, info.url!.valueEndColumn), '"/v1/chat/completions"');
      assert.equal(slice(info.model!.valueColumn, info.model!.valueEndColumn), '"gpt-4o"');
      assert.equal(slice(info.stream!.keyColumn, info.stream!.valueEndColumn), '"stream": true');
    });

    it('gives a removal span that leaves valid JSON', () => {
      const removed = line.slice(0, info.stream!.removalColumn) + line.slice(info.stream!.removalEndColumn);
      assert.deepEqual(JSON.parse(removed).body, { model: 'gpt-4o', messages: [] });
    });

    it('describes blank, invalid and missing lines', () => {
      const mixed = validatorFor('\n{oops\n');
      assert.equal(mixed.lineInfo(0)?.shape, 'blank');
      assert.equal(mixed.lineInfo(1)?.shape, 'invalid_json');
      assert.equal(mixed.lineInfo(5), undefined);
    });
  });

  it('setOptions re-validates for another provider', () => {
    const validator = validatorFor(jsonl(chatRequest('a', { url: '/chat/completions' })));
    assert.equal(validator.getReport().diagnostics[0].code, 'invalid_url');
    validator.setOptions({ provider: 'azure' });
    assert.deepEqual(validator.getReport().diagnostics, []);
  });

  it('reports a BOM the editor stripped when told so', () => {
    const validator = new BatchDocumentValidator({ provider: 'azure', byteOrderMark: true });
    validator.setText(text);
    assert.deepEqual(validator.getReport().diagnostics.map((d) => `${d.code}:${d.severity}`), ['utf8_bom:error']);
  });
});
