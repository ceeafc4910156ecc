// Browser tests: every `*.test.ts` under src/ and test/browser/, in headless Chromium
// with WebGPU on SwiftShader and cross-origin isolation (threaded WASM for onnxruntime-web).
import { writeFileSync, mkdirSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { ensureChromium } from './scripts/chromium-path.mjs';
import { chromiumArgs } from './scripts/browser-flags.mjs';

const summaryFile = process.env.LX_WTR_SUMMARY ?? '.cache/wtr-summary.json';

/** Counts results across all sessions and writes them for scripts/test.mjs. */
function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const count = { passed: 0, failed: 0, skipped: 0, failures: [] };
      const walk = (suite, file, prefix) => {
        for (const test of suite.tests ?? []) {
          const name = `${file} › ${prefix}${test.name}`;
          if (test.skipped) count.skipped += 1;
          else if (test.passed) count.passed += 1;
          else {
            count.failed += 1;
            count.failures.push(name);
          }
        }
        for (const child of suite.suites ?? []) walk(child, file, `${prefix}${child.name} › `);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults, session.testFile, '');
        // A file that failed to load or threw outside a test still has to fail the run.
        if (session.errors?.length || (!session.passed && !session.testResults)) {
          count.failed += 1;
          count.failures.push(`${session.testFile} (file error: ${session.errors?.[0]?.message ?? 'did not run'})`);
        }
      }
      mkdirSync('.cache', { recursive: true });
      writeFileSync(summaryFile, JSON.stringify(count, null, 2));
    },
  };
}

export default {
  files: ['src/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 120_000,
  testsStartTimeout: 180_000,
  testsFinishTimeout: 900_000,
  testFramework: { config: { timeout: 120_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  middleware: [
    function crossOriginIsolation(context, next) {
      context.set('Cross-Origin-Opener-Policy', 'same-origin');
      context.set('Cross-Origin-Embedder-Policy', 'require-corp');
      context.set('Cross-Origin-Resource-Policy', 'same-origin');
      return next();
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: ensureChromium(), headless: true, args: chromiumArgs },
    }),
  ],
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), summaryReporter()],
};
