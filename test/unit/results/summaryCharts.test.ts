import * as assert from 'node:assert/strict';
import { joinResultsByCustomId, renderSummaryMarkdown, statusChartSvg, summarizeResults, tokenHistogramSvg } from '../../../src/core/results';
import { chatRequest, chatResult, errorResult, jsonl, useTempDir } from './helpers';

/** The SVG documents embedded as data URIs in Markdown, decoded. */
function embeddedSvgs(markdown: string): string[] {
  return [...markdown.matchAll(/!\[[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)].map((match) => Buffer.from(match[1], 'base64').toString('utf8'));
}

describe('results: summary charts', () => {
  const temp = useTempDir();

  it('bins tokens per succeeded request into round, equal bins', async () => {
    const usage = (total: number) => ({ prompt_tokens: total - 5, completion_tokens: 5, total_tokens: total });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const input = temp.write('h.batch.jsonl', jsonl(...ids.map((id) => chatRequest(id)), chatRequest('f')));
    const output = temp.write('h.results.jsonl', jsonl(...[12, 15, 33, 38, 104].map((total, index) => chatResult(ids[index], 'ok', usage(total)))));
    const errors = temp.write('h.errors.jsonl', jsonl(errorResult('f', 'batch_expired', 'late')));
    const summary = summarizeResults(await joinResultsByCustomId(input, output, errors));
    // 12..104 over 10 bins: 9.3 tokens a bin, rounded up to 10, starting at 10.
    assert.equal(summary.tokenHistogram.length, 10);
    assert.deepEqual(summary.tokenHistogram[0], { from: 10, to: 19, count: 2 });
    assert.deepEqual(summary.tokenHistogram[2], { from: 30, to: 39, count: 2 });
    assert.deepEqual(summary.tokenHistogram[9], { from: 100, to: 109, count: 1 });
    assert.equal(summary.tokenHistogram.reduce((sum, bin) => sum + bin.count, 0), 5, 'the failed request is not counted');
  });

  it('puts counts by status and the token histogram in the Markdown as script-free SVG images', async () => {
    const input = temp.write('c.batch.jsonl', jsonl(chatRequest('a'), chatRequest('b'), chatRequest('c')));
    const output = temp.write('c.results.jsonl', jsonl(chatResult('a', 'ok'), chatResult('b', 'ok')));
    const markdown = renderSummaryMarkdown(summarizeResults(await joinResultsByCustomId(input, output)));
    assert.match(markdown, /## Charts/);
    const svgs = embeddedSvgs(markdown);
    assert.equal(svgs.length, 2);
    for (const svg of svgs) {
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.doesNotMatch(svg, /<script|on[a-z]+=|href=|<foreignObject/i);
    }
    assert.match(svgs[0], /<title>Requests by status<\/title>/);
    assert.match(svgs[0], />succeeded<\/text>.*>2<\/text>.*>missing<\/text>.*>1<\/text>/);
    assert.match(svgs[1], /<title>Tokens per succeeded request<\/title>/);
  });

  it('draws bars in proportion to the counts, and shows no histogram when nothing succeeded', () => {
    const svg = statusChartSvg({ succeeded: 10, failed: 5, missing: 0 });
    const widths = [...svg.matchAll(/<rect x="90" y="\d+" width="(\d+)"/g)].map((match) => Number(match[1]));
    assert.deepEqual(widths, [280, 140, 0]);
    assert.match(tokenHistogramSvg([{ from: 0, to: 9, count: 3 }]), /height="\d+" fill="#1565c0"><title>0–9 tokens: 3<\/title>/);
  });
});
