import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeResultsWithData, type BatchTemplate } from '../../../src/core/authoring';
import { chatResult, errorResult, jsonl, repoRoot, useTempDir } from '../results/helpers';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TEMPLATE: BatchTemplate = {
  data: 'rows.csv',
  url: '/v1/chat/completions',
  method: 'POST',
  dialect: 'openai',
  custom_id: 'r-{{id}}',
  body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: '{{text}}' }] },
};

async function exportText(templatePath: string, output: string, errors: string | undefined, format: 'csv' | 'jsonl', spreadJsonAnswers = false): Promise<string> {
  let text = '';
  await writeResultsWithData(TEMPLATE, templatePath, { output, errors }, { write: (piece) => void (text += piece) }, { format, spreadJsonAnswers });
  return text;
}

describe('results joined back to dataset rows', () => {
  const temp = useTempDir();
  let templatePath: string;
  let output: string;
  let errors: string;

  beforeEach(() => {
    temp.write('rows.csv', 'id,text,score\n1,"first, row",-3\n2,=SUM(A1),4\n3,no result,5\n,skipped,6\n');
    templatePath = temp.write('rows.batch-template.json', JSON.stringify(TEMPLATE));
    output = temp.write('rows.results.jsonl', jsonl(chatResult('r-1', '{"label": "positive", "confidence": 0.9}')));
    errors = temp.write('rows.errors.jsonl', jsonl(errorResult('r-2', 'rate_limit_exceeded', 'Slow down')));
  });

  it('writes one CSV row per dataset row: its columns, then status, answer, error and tokens', async () => {
    const csv = await exportText(templatePath, output, errors, 'csv');
    assert.equal(
      csv,
      [
        'id,text,score,custom_id,status,answer,error,prompt_tokens,completion_tokens,cached_tokens,reasoning_tokens,total_tokens',
        '1,"first, row",-3,r-1,succeeded,"{""label"": ""positive"", ""confidence"": 0.9}",,10,5,0,0,15',
        "2,'=SUM(A1),4,r-2,failed,,rate_limit_exceeded: Slow down,0,0,0,0,0",
        '3,no result,5,r-3,missing,,,,,,,',
        `,skipped,6,r-,skipped,,"the column ""id"" is empty, and custom_id needs it to tell this row's result from the others",,,,,`,
        '',
      ].join('\r\n'),
    );
  });

  it('spreads a JSON object answer into answer.<key> columns, and keeps JSON types in JSONL', async () => {
    const csv = await exportText(templatePath, output, errors, 'csv', true);
    assert.match(csv.split('\r\n')[0], /,total_tokens,answer\.label,answer\.confidence$/);
    assert.match(csv.split('\r\n')[1], /,15,positive,0\.9$/);
    const rows = (await exportText(templatePath, output, errors, 'jsonl', true)).trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(rows.length, 4);
    assert.deepEqual(rows[0], {
      id: '1', text: 'first, row', score: '-3', custom_id: 'r-1', status: 'succeeded', answer: '{"label": "positive", "confidence": 0.9}', error: null,
      prompt_tokens: 10, completion_tokens: 5, cached_tokens: 0, reasoning_tokens: 0, total_tokens: 15, 'answer.label': 'positive', 'answer.confidence': 0.9,
    });
    assert.equal(rows[2].status, 'missing');
  });

  it('prefixes an added column whose name the dataset already uses', async () => {
    temp.write('rows.csv', 'id,text,status\n1,a,draft\n');
    const csv = await exportText(templatePath, output, undefined, 'csv');
    assert.match(csv, /^id,text,status,custom_id,batch_status,answer,/);
    assert.match(csv.split('\r\n')[1], /^1,a,draft,r-1,succeeded,/);
  });

  describe('batch-studio build and export (CLI)', () => {
    it('build: exit 0 when every row was built, with the file beside the template by default', () => {
      temp.write('rows.csv', 'id,text\n1,a\n2,b\n');
      const { code, stdout, stderr } = run('build', templatePath);
      assert.equal(stderr, '');
      assert.equal(code, 0);
      assert.equal(stdout, `${temp.path('rows.batch.jsonl')}: 2 requests from 2 rows\n`);
      assert.equal(readFileSync(temp.path('rows.batch.jsonl'), 'utf8').split('\n').length, 3);
    });

    it('build: exit 1 and "row N: …" when rows were skipped; JSON on request', () => {
      const out = temp.path('custom.batch.jsonl');
      const { code, stdout } = run('build', templatePath, '--out', out);
      assert.equal(code, 1);
      assert.equal(stdout, `row 4: the column "id" is empty, and custom_id needs it to tell this row's result from the others\n${out}: 3 requests from 4 rows; 1 skipped\n`);
      const json = run('build', templatePath, '--out', out, '--format', 'json', '--limit', '2');
      assert.equal(json.code, 0);
      assert.deepEqual(JSON.parse(json.stdout), { output: out, rows: 2, requests: 2, skipped: 0, problems: [] });
    });

    it('build: exit 2 with one line for usage and unreadable input', () => {
      const missing = run('build', temp.path('absent.batch-template.json'));
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, `batch-studio build: cannot read the template ${temp.path('absent.batch-template.json')}: no such file or folder\n`);
      const badLimit = run('build', templatePath, '--limit', '0');
      assert.equal(badLimit.code, 2);
      assert.match(badLimit.stderr, /--limit/);
    });

    it('export --with-data: stdout without --out, the file with it; the template found from its batch file', () => {
      const { code, stdout } = run('export', templatePath, output, errors, '--with-data', '--format', 'csv');
      assert.equal(code, 1);
      assert.equal(stdout.split('\r\n').length, 6);
      assert.match(stdout, /\r\n1,"first, row",-3,r-1,succeeded,/);
      const out = temp.path('joined.jsonl');
      const viaInput = run('export', temp.path('rows.batch.jsonl'), output, '--with-data', '--format', 'jsonl', '--out', out);
      assert.equal(viaInput.stdout, '');
      assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 4);
      const notFromTemplate = run('export', temp.path('other.jsonl'), output, '--with-data');
      assert.equal(notFromTemplate.code, 2);
      assert.match(notFromTemplate.stderr, /^batch-studio export: .*pass the template\n$/);
    });
  });
});
