// Builds the extension and CLI bundles (dist/) and compiles the tests (out/), per
// microsoft/vscode-extension-samples' esbuild-sample: `--production` minifies without sourcemaps,
// `--watch` rebuilds on change. Type checking is separate: `npm run typecheck`.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileSchemas } from './schemas/compile.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

function listTypeScript(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...listTypeScript(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** @type {import('esbuild').BuildOptions} */
const bundleOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Whitespace and comments go even in development: a comment with one non-Latin-1 character made V8 hold
  // the whole bundle's text at two bytes a character (9 MB of every CLI process's and the extension's heap).
  // Names are kept outside production, for readable stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its `module` can be.
  mainFields: ['module', 'main'],
};

/** The tokenizer encodings (1.2 and 2.4 MB) ship as files of their own, loaded on first use. */
const ENCODINGS = ['o200k_base', 'cl100k_base'];
const encodingsAsFiles = {
  name: 'encodings-as-files',
  setup(build) {
    build.onResolve({ filter: /^gpt-tokenizer\/cjs\/encoding\/\w+$/ }, (args) => ({ path: `./tokenizers/${path.basename(args.path)}.js`, external: true }));
  },
};

const builds = [
  {
    ...bundleOptions,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [encodingsAsFiles],
  },
  {
    ...bundleOptions,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [encodingsAsFiles],
  },
  {
    ...bundleOptions,
    sourcemap: false,
    entryPoints: Object.fromEntries(ENCODINGS.map((name) => [`tokenizers/${name}`, `node_modules/gpt-tokenizer/cjs/encoding/${name}.js`])),
    outdir: 'dist',
  },
];
if (!production) {
  const benchmarks = listTypeScript('test/bench').filter((file) => file.endsWith('.bench.ts'));
  // Tests run unbundled from out/ so mocha can load each file; `vscode` resolves inside the host.
  builds.push({
    entryPoints: [...listTypeScript('src'), ...listTypeScript('test').filter((file) => !benchmarks.includes(file))],
    outdir: 'out',
    outbase: '.',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  // Benchmarks measure our code as it ships: bundled, as in dist/, not module by module (third-party
  // packages, such as the comparison's vscode-json-languageservice, load from node_modules).
  builds.push({ ...bundleOptions, minify: false, packages: 'external', entryPoints: benchmarks, outdir: 'out/test/bench' });
}

// Tests run from out/ file by file: a test moved or deleted in the source must not keep running from there.
if (!production) rmSync('out', { recursive: true, force: true });
await compileSchemas();
if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('[watch] watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
