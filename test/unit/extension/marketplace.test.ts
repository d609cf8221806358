import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  icon: string;
  galleryBanner: { color: string; theme: string };
  repository: { url: string };
  bugs: { url: string };
  homepage: string;
  categories: string[];
  keywords: string[];
  contributes: {
    commands: { command: string }[];
    walkthroughs: { id: string; title: string; steps: { id: string; title: string; description: string; media: { markdown?: string }; completionEvents: string[] }[] }[];
  };
};

/** A PNG's size from its IHDR chunk: width and height are the big-endian words at bytes 16 and 20. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Marketplace listing (package.json)', () => {
  it('has a 128 px PNG icon rendered from its SVG source beside it', () => {
    assert.deepEqual(pngSize(path.join(repoRoot, manifest.icon)), { width: 128, height: 128 });
    assert.ok(existsSync(path.join(repoRoot, manifest.icon.replace(/\.png$/, '.svg'))));
  });

  it('names its repository, issue tracker, home page, banner, categories and keywords', () => {
    assert.match(manifest.repository.url, /^https:\/\//);
    assert.match(manifest.bugs.url, /^https:\/\//);
    assert.match(manifest.homepage, /^https:\/\//);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    // The categories the Marketplace knows (vsce refuses others).
    const known = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Formatters', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'Snippets', 'Testing', 'Visualization', 'Other'];
    for (const category of manifest.categories) assert.ok(known.includes(category), category);
    assert.ok(manifest.keywords.length > 0 && manifest.keywords.length <= 30);
  });
});

describe('the getting-started walkthrough', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const commands = new Set([...manifest.contributes.commands.map((command) => command.command), 'workbench.actions.view.problems']);

  it('walks through example, validation, submit to the emulator, results and a real key, in that order', () => {
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['batchStudio.openExample', 'batchStudio.seeValidation', 'batchStudio.submitToEmulator', 'batchStudio.openResults', 'batchStudio.setApiKey'],
    );
  });

  it('gives each step a Markdown page in each language that exists and a completion event on a command that exists', () => {
    const bundles = ['package.nls.json', 'package.nls.zh-cn.json'].map((name) => JSON.parse(readFileSync(path.join(repoRoot, name), 'utf8')) as Record<string, string>);
    for (const step of walkthrough.steps) {
      const key = /^%(.+)%$/.exec(step.media.markdown ?? '')?.[1];
      assert.ok(key, `${step.id}: its page is named in package.nls, per language`);
      const [english, chinese] = bundles.map((bundle) => bundle[key]);
      for (const page of [english, chinese]) assert.ok(page && existsSync(path.join(repoRoot, page)), `${step.id}: ${page}`);
      assert.notEqual(english, chinese, `${step.id}: the Chinese page is its own`);
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        assert.ok(command && commands.has(command), `${step.id}: ${event}`);
      }
    }
  });

  it('takes its texts from package.nls (so they show in Chinese too), and each step has a button', () => {
    const english = JSON.parse(readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
    for (const text of [walkthrough.title, ...walkthrough.steps.flatMap((step) => [step.title, step.description])]) assert.match(text, /^%.+%$/);
    for (const step of walkthrough.steps) assert.match(english[step.description.slice(1, -1)], /\]\(command:[\w.]+\)/, step.id);
  });
});
