import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../providers/support';
import { runCli, type CliRun } from '../cli/support';

const CHINESE = { LANG: 'zh_CN.UTF-8' };
const results = path.join(repoRoot, 'test', 'fixtures', 'results');
const example = path.join(repoRoot, 'examples', 'summarize-articles.batch.jsonl');

/** Every expected text in `output`, literally. */
function assertIncludes(output: string, expected: string[]): void {
  for (const text of expected) assert.ok(output.includes(text), `${JSON.stringify(text)} is not in:\n${output}`);
}

describe('languages: the CLI in Chinese (LANG=zh_CN.UTF-8) and English (LANG=C, en_US.UTF-8)', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cli-language-'));
    env = { BATCH_STUDIO_DATA_DIR: path.join(dir, 'data') };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[], locale: Record<string, string>): Promise<CliRun> => runCli(args, { ...env, ...locale });

  it('batch-studio --help: commander\'s headings, the help option and every command\'s description', async () => {
    const chinese = await cli(['--help'], CHINESE);
    assert.equal(chinese.code, 0);
    assertIncludes(chinese.stdout, ['用法：', '选项：', '命令：', '显示命令的帮助', '提交批量文件（退出码 0：已提交', '按服务商的批量规则检查批量 JSONL 文件']);
    const english = await cli(['--help'], { LANG: 'C' });
    assertIncludes(english.stdout, ['Usage: batch-studio [options] [command]', 'Options:', 'Commands:', 'display help for command', 'Submit a batch file (exit 0: submitted']);
    assert.doesNotMatch(english.stdout, /\p{Script=Han}/u);
  });

  it('a command\'s help: arguments, options, choices and defaults', async () => {
    const chinese = await cli(['estimate', '--help'], CHINESE);
    assertIncludes(chinese.stdout, ['用法： batch-studio estimate [options] <file...>', '参数：', '要估算的批量 JSONL 文件', '--format <format>', '输出格式（可选值："text", "json"，默认："text"）']);
    const english = await cli(['estimate', '--help'], { LANG: 'en_US.UTF-8' });
    assertIncludes(english.stdout, ['Arguments:', 'batch JSONL files to estimate', 'output format (choices: "text", "json", default: "text")']);
  });

  it('a usage error from commander, and an option value our parser refuses', async () => {
    const unknown = await cli(['validate', '--bogus', example], CHINESE);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, '错误：未知选项“--bogus”\n');
    assert.equal((await cli(['validate', '--bogus', example], { LANG: 'C' })).stderr, "error: unknown option '--bogus'\n");
    const rpm = await cli(['run', example, '--rpm', '0'], CHINESE);
    assert.equal(rpm.stderr, '错误：选项“--rpm <n>”的取值“0”无效。--rpm 必须是 > 0 的整数。\n');
  });

  it('validate: the finding in Chinese with its English severity and code', async () => {
    const file = path.join(dir, 'broken.batch.jsonl');
    writeFileSync(file, '{"custom_id": "a", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [tru]}}\n');
    const chinese = await cli(['validate', file], CHINESE);
    assert.equal(chinese.code, 1);
    assert.equal(chinese.stdout, `${file}:1:118: error invalid_json_line: 这一行无法解析为有效的 JSON：意外的字符“]”（应为 true）\n`);
    const english = await cli(['validate', file], { LANG: 'C' });
    assert.equal(english.stdout, `${file}:1:118: error invalid_json_line: This line is not parseable as valid JSON: unexpected character ']' (expected true)\n`);
  });

  it('estimate: the report in Chinese; its JSON keeps English keys and values', async () => {
    const chinese = await cli(['estimate', example], CHINESE);
    assert.equal(chinese.code, 0, chinese.stderr);
    assertIncludes(chinese.stdout, ['12 个请求 · gpt-4o-mini · /v1/chat/completions', '  输入 Token：758（精确）', '  输出 Token：最多 960', '：放得下']);
    const english = await cli(['estimate', example], { LANG: 'C' });
    assertIncludes(english.stdout, ['12 requests · gpt-4o-mini · /v1/chat/completions', '  input tokens: 758 (exact)', '  output tokens: at most 960', ': fits']);
    const json = async (locale: Record<string, string>) => JSON.parse((await cli(['estimate', example, '--format', 'json'], locale)).stdout) as unknown;
    assert.deepEqual(await json(CHINESE), await json({ LANG: 'C' }));
  });

  it('results: the summary and the failures in Chinese', async () => {
    const args = ['results', path.join(results, 'mixed.batch.jsonl'), path.join(results, 'mixed.results.jsonl'), path.join(results, 'mixed.errors.jsonl')];
    const chinese = await cli(args, CHINESE);
    assert.equal(chinese.code, 1);
    assertIncludes(chinese.stdout, ['6 个请求：2 个成功（33.3%），3 个失败，1 个缺失\n', '重复（不止一条结果）：q1\n', '失败的请求：\n', '  第 7 行 q6：缺失：没有结果\n']);
    const english = await cli(args, { LANG: 'en_US.UTF-8' });
    assertIncludes(english.stdout, ['6 requests: 2 succeeded (33.3%), 3 failed, 1 missing\n', 'failures:\n', '  line 7 q6: missing: no result\n']);
  });
});
