import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import {
  buildBatchFile,
  compileRequestTemplate,
  DatasetError,
  defaultBatchPath,
  parseBatchTemplate,
  previewRequests,
  TemplateError,
  templatePathForBatch,
  type BatchTemplate,
} from '../../../src/core/authoring';
import { useTempDir } from '../results/helpers';

function template(overrides: Partial<BatchTemplate> = {}): BatchTemplate {
  return {
    data: 'data.csv',
    url: '/v1/chat/completions',
    method: 'POST',
    dialect: 'openai',
    custom_id: 'item-{{id}}',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Classify: {{text}}' }] },
    ...overrides,
  };
}

function values(record: Record<string, unknown>) {
  return { ...record };
}

function lines(path: string): unknown[] {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

describe('templates over datasets', () => {
  describe('filling a template', () => {
    const compiled = compileRequestTemplate(template());

    it('inserts a value exactly as it is: quotes, newlines, backslashes, Unicode', () => {
      const text = 'She said "no"\nthen \\left\t; 日本語 😀 </b>&amp;';
      const request = compiled.render(values({ id: '7', text }), 1).request;
      assert.equal((request.body.messages as Array<{ content: string }>)[0].content, 'Classify: She said "no"\nthen \\left\t; 日本語 😀 </b>&amp;');
      assert.equal(request.custom_id, 'item-7');
      const { line } = compiled.render(values({ id: '7', text }), 1);
      assert.equal(line, JSON.stringify(request), 'the line is the request as JSON.stringify writes it');
      assert.deepEqual(JSON.parse(line), request);
    });

    it('never expands text in a value that looks like a tag', () => {
      const request = compiled.render(values({ id: '{{row}}', text: '{{id}} and {{{text}}} and {{#id}}x{{/id}}' }), 3).request;
      assert.equal(request.custom_id, 'item-{{row}}');
      assert.equal((request.body.messages as Array<{ content: string }>)[0].content, 'Classify: {{id}} and {{{text}}} and {{#id}}x{{/id}}');
    });

    it('{{row}} is the 1-based row number, and non-string body values are copied', () => {
      const rowTemplate = compileRequestTemplate(template({ custom_id: 'row-{{row}}', body: { model: 'm', max_tokens: 16, stream: false, stop: null, input: ['{{text}}'] } }));
      const { request, line } = rowTemplate.render(values({ text: 'a' }), 42);
      assert.equal(line, '{"custom_id":"row-42","method":"POST","url":"/v1/chat/completions","body":{"model":"m","max_tokens":16,"stream":false,"stop":null,"input":["a"]}}');
      assert.equal(request.custom_id, 'row-42');
      assert.deepEqual(request.body, { model: 'm', max_tokens: 16, stream: false, stop: null, input: ['a'] });
    });

    it('a JSON value that is not a string goes in as its JSON text; a column named like a prototype member is missing', () => {
      const request = compiled.render(values({ id: 5, text: { a: [1, 'b'] } }), 1).request;
      assert.equal(request.custom_id, 'item-5');
      assert.equal((request.body.messages as Array<{ content: string }>)[0].content, 'Classify: {"a":[1,"b"]}');
      const proto = compileRequestTemplate(template({ custom_id: '{{constructor}}-{{id}}' }));
      assert.deepEqual(proto.missingColumns(values({ id: '1', text: 'x' })), ['constructor']);
      assert.equal(proto.render(values({ id: '1', text: 'x' }), 1).request.custom_id, '-1');
    });

    it('names the columns read and those a row lacks', () => {
      assert.deepEqual(compiled.columns, ['id', 'text']);
      assert.deepEqual(compiled.missingColumns(values({ id: '1' })), ['text']);
    });

    it('refuses a string mustache cannot parse, saying where it is', () => {
      assert.throws(() => compileRequestTemplate(template({ body: { model: 'm', messages: [{ role: 'user', content: 'Hi {{name' }] } })), (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.match(error.message, /^body\.messages\[0\]\.content: Unclosed tag/);
        return true;
      });
    });
  });

  describe('the template file', () => {
    it('reads a valid template, defaulting method and dialect', () => {
      const parsed = parseBatchTemplate('{"data": "r.csv", "url": "/v1/embeddings", "custom_id": "{{id}}", "body": {"model": "e", "input": "{{t}}"}}');
      assert.equal(parsed.method, 'POST');
      assert.equal(parsed.dialect, 'openai');
    });

    it('names every mistake', () => {
      assert.throws(() => parseBatchTemplate('{"url": 3, "custom_id": "", "body": {}, "dialect": "x", "extra": 1}'), (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.match(error.message, /needs "data"/);
        assert.match(error.message, /"extra" is not a template key/);
        assert.match(error.message, /"url" must be a string/);
        assert.match(error.message, /"custom_id" must not be empty/);
        assert.match(error.message, /"dialect" must be one of "openai"/);
        assert.match(error.message, /"body" needs "model"/);
        return true;
      });
      assert.throws(() => parseBatchTemplate('{"data": '), /not valid JSON/);
    });

    it('pairs template and batch file names', () => {
      assert.equal(defaultBatchPath('/w/reviews.batch-template.json'), '/w/reviews.batch.jsonl');
      assert.equal(templatePathForBatch('/w/reviews.batch.jsonl'), '/w/reviews.batch-template.json');
      assert.equal(templatePathForBatch('/w/reviews.jsonl'), undefined);
    });
  });

  describe('building a batch file', () => {
    const temp = useTempDir();

    it('streams a CSV (quoted commas, quotes, newlines, a BOM) to one request per row', async () => {
      temp.write('data.csv', '\uFEFFid,text\r\n1,"a, ""quoted""\r\nsecond line"\r\n2,plain\r\n');
      const templatePath = temp.path('t.batch-template.json');
      const report = await buildBatchFile(template(), templatePath, temp.path('out.batch.jsonl'));
      assert.deepEqual({ rows: report.rows, requests: report.requests, problemRows: report.problemRows }, { rows: 2, requests: 2, problemRows: 0 });
      assert.deepEqual(lines(temp.path('out.batch.jsonl')), [
        { custom_id: 'item-1', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Classify: a, "quoted"\r\nsecond line' }] } },
        { custom_id: 'item-2', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Classify: plain' }] } },
      ]);
      assert.ok(!existsSync(temp.path('out.batch.jsonl.part')));
    });

    it('reads TSV, JSON Lines and a JSON array alike', async () => {
      temp.write('data.tsv', 'id\ttext\n1\tone, two\n');
      temp.write('data.jsonl', '{"id": 1, "text": "one"}\n\n{"id": "b", "text": "two"}\n');
      temp.write('data.json', '[{"id": 1, "text": "one"}, {"id": 2, "text": "two"}]');
      const templatePath = temp.path('t.batch-template.json');
      const ids = async (data: string) => {
        await buildBatchFile(template({ data }), templatePath, temp.path('o.batch.jsonl'));
        return lines(temp.path('o.batch.jsonl')).map((line) => (line as { custom_id: string }).custom_id);
      };
      assert.deepEqual(await ids('data.tsv'), ['item-1']);
      assert.deepEqual(await ids('data.jsonl'), ['item-1', 'item-b']);
      assert.deepEqual(await ids('data.json'), ['item-1', 'item-2']);
    });

    it('reports rows that cannot make a valid request by row number, and skips them unless told to keep them', async () => {
      temp.write('bad.csv', 'id,text,model\n1,fine,m\n2\n,no id,m\n1,again,m\n5,empty model,\n');
      const templatePath = temp.path('t.batch-template.json');
      const badTemplate = template({ data: 'bad.csv', custom_id: '{{id}}', body: { model: '{{model}}', messages: [{ role: 'user', content: '{{text}}' }] } });
      const report = await buildBatchFile(badTemplate, templatePath, temp.path('bad.batch.jsonl'));
      assert.equal(report.rows, 5);
      assert.equal(report.requests, 1);
      assert.equal(report.problemRows, 4);
      assert.deepEqual(report.problems.map((problem) => problem.row), [2, 3, 4, 5]);
      assert.match(report.problems[0].message, /^the column "model" is missing; the column "text" is missing; body.model must not be empty$/);
      assert.match(report.problems[1].message, /custom_id must be a non-empty string/);
      assert.match(report.problems[2].message, /custom_id "1" is also row 1's/);
      assert.match(report.problems[3].message, /model/);
      assert.equal(lines(temp.path('bad.batch.jsonl')).length, 1);

      const kept = await buildBatchFile(badTemplate, templatePath, temp.path('kept.batch.jsonl'), { invalidRows: 'keep' });
      assert.equal(kept.requests, 5);
      assert.equal(lines(temp.path('kept.batch.jsonl')).length, 5);
    });

    it('stops after --limit rows', async () => {
      temp.write('many.jsonl', Array.from({ length: 50 }, (_, index) => JSON.stringify({ id: index, text: 't' })).join('\n'));
      const report = await buildBatchFile(template({ data: 'many.jsonl' }), temp.path('t.batch-template.json'), temp.path('few.batch.jsonl'), { limit: 3 });
      assert.equal(report.rows, 3);
      assert.equal(lines(temp.path('few.batch.jsonl')).length, 3);
    });

    it('refuses a header without a column the template reads, and a dataset it cannot read, leaving no file', async () => {
      temp.write('other.csv', 'id,body\n1,x\n');
      const templatePath = temp.path('t.batch-template.json');
      await assert.rejects(buildBatchFile(template({ data: 'other.csv' }), templatePath, temp.path('none.batch.jsonl')), (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.match(error.message, /no column "text" \(its columns: id, body\)/);
        return true;
      });
      await assert.rejects(buildBatchFile(template({ data: 'absent.csv' }), templatePath, temp.path('none.batch.jsonl')), (error: unknown) => error instanceof DatasetError && /no such file/.test(error.message));
      temp.write('broken.csv', 'id,text\n1,"never closed\n');
      await assert.rejects(buildBatchFile(template({ data: 'broken.csv' }), templatePath, temp.path('none.batch.jsonl')), (error: unknown) => error instanceof DatasetError && /not valid CSV/.test(error.message));
      temp.write('object.json', '{"id": 1}');
      await assert.rejects(buildBatchFile(template({ data: 'object.json' }), templatePath, temp.path('none.batch.jsonl')), /must hold a JSON array/);
      await assert.rejects(buildBatchFile(template({ data: 'data.xlsx' }), templatePath, temp.path('none.batch.jsonl')), /must be \.csv, \.tsv/);
      assert.deepEqual(readdirSync(temp.path('.')).filter((name) => name.startsWith('none')), []);
    });

    it('a JSON Lines row that is not an object is a row problem', async () => {
      temp.write('mixed.jsonl', '{"id": 1, "text": "a"}\n[1, 2]\nnot json\n');
      const report = await buildBatchFile(template({ data: 'mixed.jsonl' }), temp.path('t.batch-template.json'), temp.path('mixed.batch.jsonl'));
      assert.deepEqual(report.problems, [
        { row: 2, message: 'the line is not a JSON object' },
        { row: 3, message: 'the line is not a JSON object' },
      ]);
    });

    it('previews only the first rows, problems included', async () => {
      temp.write('preview.csv', 'id,text\n1,a\n2\n3,c\n4,d\n');
      const preview = await previewRequests(template({ data: 'preview.csv' }), temp.path('t.batch-template.json'), 2);
      assert.equal(preview.lines.length, 2);
      assert.deepEqual(preview.problems, [{ row: 2, message: 'the column "text" is missing' }]);
    });
  });
});
