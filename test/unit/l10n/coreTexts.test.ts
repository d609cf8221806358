import * as assert from 'node:assert/strict';
import path from 'node:path';
import { formatDuration } from '../../../src/core/formatting';
import { useMessageLanguage } from '../../../src/core/l10n/messageLanguage';
import { joinResultsByCustomId, loadPriceTable, parsePriceTable, renderSummaryMarkdown, summarizeResults } from '../../../src/core/results';
import { validateBatchText } from '../../../src/core/validation';
import { repairJsonLine } from '../../../src/core/validation/jsonLineRepair';
import { fixtures } from '../results/helpers';

/** The messages of `text`'s findings, `code: message` each. */
const findings = (text: string) => validateBatchText(text, { provider: 'openai' }).diagnostics.map((d) => `${d.code}: ${d.message}`);

describe('languages: core texts in Chinese', () => {
  before(() => useMessageLanguage('zh-cn'));
  after(() => useMessageLanguage(undefined));

  it('output-line rules, Anthropic and Gemini rules and JSON syntax errors speak Chinese and keep their English codes', () => {
    assert.deepEqual(findings('{"response": {"status_code": 200, "body": {}}}\n'), ['invalid_output_line: 结果行需要有 custom_id（字符串）']);
    assert.ok(findings('{"custom_id": "a b", "params": 3}\n').includes('invalid_body: params 必须是对象（实际是 3）'));
    assert.ok(findings('{"custom_id": "a b", "params": 3}\n').includes('invalid_custom_id: custom_id 是 "a b"：Anthropic 只接受 1 到 64 个字母、数字、“_”和“-”'));
    assert.ok(findings('{"key": "a", "request": 3}\n').includes('invalid_body: request 必须是对象（实际是 3）'));
    assert.deepEqual(findings('{"custom_id": "a", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [tru]}}\n').map((text) => text.split('：')[0]), ['invalid_json_line: 这一行无法解析为有效的 JSON']);
  });

  it('a duration (a run summary\'s, the summary\'s) is in Chinese units', () => {
    assert.equal(formatDuration(4.25), '4.3 秒');
    assert.equal(formatDuration(192), '3 分 12 秒');
    assert.equal(formatDuration(3605), '1 小时 0 分 5 秒');
  });

  it('the shipped price table\'s discount and peak-hour labels are in Chinese; a price file\'s own label stays as written', async () => {
    const table = await loadPriceTable();
    assert.equal(table.discounts.batch.label, 'Batch API（OpenAI、Azure OpenAI）：五折');
    assert.equal(table.discounts.direct.label, '直接运行（同步请求）：无折扣');
    assert.match(table.timeOfDayRates[0].label, /^DeepSeek 高峰时段/);
    const own = parsePriceTable(JSON.stringify({ discounts: { mine: { rate: 0.4, label: 'My gateway: 40% off' } } }), 'prices.json', table);
    assert.equal(own.discounts.mine.label, 'My gateway: 40% off');
  });

  it('a JSON repair is titled in Chinese', () => {
    assert.equal(repairJsonLine('{"custom_id": "a",}')?.description, '删除末尾多余的逗号');
  });

  it('the summary Markdown has Chinese headings and rows', async () => {
    const join = await joinResultsByCustomId(path.join(fixtures, 'mixed.batch.jsonl'), path.join(fixtures, 'mixed.results.jsonl'), path.join(fixtures, 'mixed.errors.jsonl'));
    const markdown = renderSummaryMarkdown(summarizeResults(join));
    assert.match(markdown, /^# 批量任务结果\n/);
    assert.match(markdown, /\| 请求 \| 6 \|/);
    assert.match(markdown, /## 按错误代码统计/);
    assert.match(markdown, /## 完整性\n\n- \*\*缺失\*\* \(1\)/);
  });
});
