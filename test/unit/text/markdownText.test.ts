import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { markdownCode, markdownCodeBlock, markdownText } from '../../../src/core/text/markdownText';

// VS Code renders hovers, tooltips and previews with markdown-it; HTML enabled is the preview's worst case.
const renderer = new MarkdownIt({ html: true });
const HOSTILE = 'x`\n\n<img src=https://evil.example/a.png>\n\n| cell | [link](javascript:alert(1)) *bold* &amp; ```';

function html(markdown: string): string {
  return renderer.render(markdown);
}

describe('Markdown text from providers and files', () => {
  it('renders hostile text as its characters: no element, no new paragraph, no link', () => {
    for (const markdown of [markdownText(HOSTILE), markdownCode(HOSTILE), `| a |\n|---|\n| ${markdownCode(HOSTILE, true)} |`, `| a |\n|---|\n| ${markdownText(HOSTILE)} |`]) {
      const rendered = html(markdown);
      assert.doesNotMatch(rendered, /<img|<a |<em>|<strong>/, rendered);
      assert.equal((rendered.match(/<p>/g) ?? []).length <= 1, true, rendered);
      assert.equal((rendered.match(/<tr>/g) ?? []).length <= 2, true, rendered);
    }
  });

  it('shows line breaks and terminal escapes as escapes', () => {
    assert.equal(html(markdownText('a\nb\u001b[2J')), '<p>a\\nb\\u001b[2J</p>\n');
    assert.equal(html(markdownCode('a\r\nb')), '<p><code>a\\r\\nb</code></p>\n');
  });

  it('keeps ordinary ids and model names readable', () => {
    assert.equal(html(markdownText('gpt-4o-mini-2024-07-18')), '<p>gpt-4o-mini-2024-07-18</p>\n');
    assert.equal(html(markdownText('- not a list')), '<p>- not a list</p>\n');
    assert.equal(html(markdownText('1. not a list')), '<p>1. not a list</p>\n');
    assert.equal(html(markdownCode('a`b')), '<p><code>a`b</code></p>\n');
  });

  it('fences a block longer than any backtick run in it', () => {
    const rendered = html(markdownCodeBlock('```\n<img src=x>\n```', 'text'));
    assert.doesNotMatch(rendered, /<img/);
    assert.equal((rendered.match(/<pre>/g) ?? []).length, 1);
  });
});
