#!/usr/bin/env node
// The README's test command: type-check, Node tests, then browser tests in headless Chromium.
// Ends with one plain line `N passed, N failed, N skipped` and a non-zero exit on any failure.
//
//   npm test                      everything
//   npm test -- --only node       Node tests only (or: --only browser, --only typecheck, --only training)
//   npm test -- --grep pattern    only test files whose path contains `pattern`
//   npm run test:fast             (--fast) the edit loop: type-check and the Node unit tests
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './chromium-path.mjs';
import { ensureOrtRuntime } from './ort-runtime.mjs';
import { ensurePythonTraining } from './python-training.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const only = option('--only');
const grep = option('--grep');
const fast = args.includes('--fast');
const runs = (stage) => (!only || only === stage) && (!fast || stage === 'typecheck' || stage === 'node');
/**
 * Node tests `--fast` leaves out: they start Chromium, build or pack the package, spawn the CLI
 * for whole runs, train, or read the 300 MB GloVe file. The full `npm test` runs them.
 */
const SLOW_NODE_TESTS = /\/(e2e-[^/]*|docs-site|package|explorers-umap-worker|explorers-umap-layout|explorers-glove|playground-training|playground-quality|cli-commands)\.test\.ts$/;
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const started = Date.now();

function listFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, suffix));
    else if (name.endsWith(suffix) && (!grep || path.includes(grep))) out.push(path);
  }
  return out.sort();
}

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

mkdirSync('.cache', { recursive: true });
ensureOrtRuntime(); // pages and tests load onnxruntime-web's WASM from assets/ort/

if (runs('typecheck')) {
  console.log('\n== type-check (tsc --noEmit)');
  if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push('type-check');
  }
}

if (runs('node')) {
  const files = listFiles('test/node', '.test.ts').filter((path) => !fast || !SLOW_NODE_TESTS.test(path));
  console.log(`\n== Node tests (${files.length} files)`);
  if (files.length) {
    const tap = `.cache/node-tests-${process.pid}.tap`;
    const status = run('node', [
      '--import', 'tsx', '--test', '--test-concurrency=1',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files,
    ]);
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    rmSync(tap, { force: true });
    const read = (key) => Number((text.match(new RegExp(`^# ${key} (\\d+)$`, "m")) ?? [])[1] ?? 0);
    const counts = { passed: read('pass'), failed: read('fail') + read('cancelled'), skipped: read('skipped') + read('todo') };
    if (status !== 0 && counts.failed === 0) counts.failed = 1; // crashed before reporting
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    if (counts.failed) failures.push(`Node tests: ${counts.failed} failed`);
  }
}

if (runs('browser')) {
  const files = [...listFiles('src', '.test.ts'), ...listFiles('test/browser', '.test.ts')];
  console.log(`\n== Browser tests in Chromium (${files.length} files)`);
  if (files.length) {
    ensureChromium();
    const summary = `.cache/wtr-summary-${process.pid}.json`;
    rmSync(summary, { force: true });
    const status = run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...(grep ? ['--files', ...files] : [])], {
      LX_WTR_SUMMARY: summary,
    });
    const counts = existsSync(summary)
      ? JSON.parse(readFileSync(summary, 'utf8'))
      : { passed: 0, failed: 1, skipped: 0, failures: ['web-test-runner did not report'] };
    rmSync(summary, { force: true });
    if (status !== 0 && counts.failed === 0) counts.failed = 1;
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    for (const name of counts.failures ?? []) failures.push(`browser: ${name}`);
  }
}

// The training recipe's smoke run (a few steps of every stage into a temp dir), so it cannot rot.
if (runs('training') && !grep) {
  console.log('\n== Training recipe smoke run (npm run train:smoke)');
  const python = ensurePythonTraining();
  if (run('bash', ['training/train.sh', '--smoke'], { PYTHON: python }) === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push('training smoke run');
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) console.log(`\nFailures:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\nTest time: ${seconds} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);
