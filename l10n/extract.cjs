// `npm run l10n:extract`: collects every `vscode.l10n.t(…)` (src/extension) and `l10n.t(…)` (@vscode/l10n,
// src/core and src/cli) message with @vscode/l10n-dev, writes them to l10n/bundle.l10n.json (the English
// source a translator works from) and lists, per translated bundle, the messages it lacks and the ones no
// code uses any more. Exits 1 when a translated bundle is out of step. The unit tests use the same functions.
const { getL10nJson } = require('@vscode/l10n-dev');
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function listTypeScript(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listTypeScript(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(full);
  }
  return files.sort();
}

/** Every message the sources pass to `l10n.t`, keyed as VS Code looks them up. */
async function extractMessages() {
  const files = listTypeScript(path.join(root, 'src'));
  return getL10nJson(files.map((file) => ({ contents: readFileSync(file, 'utf8'), extension: '.ts' })));
}

/** The translated bundles shipped beside this script: language → messages. */
function translatedBundles() {
  const bundles = {};
  for (const name of readdirSync(__dirname)) {
    const match = /^bundle\.l10n\.([a-z-]+)\.json$/.exec(name);
    if (match) bundles[match[1]] = JSON.parse(readFileSync(path.join(__dirname, name), 'utf8'));
  }
  return bundles;
}

/** What `bundle` lacks of `messages`, and what it has that no code uses. */
function compareBundle(messages, bundle) {
  return {
    missing: Object.keys(messages).filter((key) => !(key in bundle)),
    unused: Object.keys(bundle).filter((key) => !(key in messages)),
  };
}

async function main() {
  const messages = await extractMessages();
  writeFileSync(path.join(__dirname, 'bundle.l10n.json'), JSON.stringify(messages, null, 2) + '\n');
  let outOfStep = false;
  for (const [language, bundle] of Object.entries(translatedBundles())) {
    const { missing, unused } = compareBundle(messages, bundle);
    for (const key of missing) console.log(`${language}: missing ${JSON.stringify(key)}`);
    for (const key of unused) console.log(`${language}: unused ${JSON.stringify(key)}`);
    outOfStep ||= missing.length > 0 || unused.length > 0;
  }
  console.log(`${Object.keys(messages).length} messages written to l10n/bundle.l10n.json`);
  process.exitCode = outOfStep ? 1 : 0;
}

module.exports = { extractMessages, translatedBundles, compareBundle };
if (require.main === module) void main();
