// "The page stays responsive": no script of ours holds the page's main thread for more than
// 50 ms while the player, the guidance and seed comparisons download the pocket model and
// generate, nor while the playground trains and redraws. The budget is stretched by the load
// a probe measures meanwhile (other processes on a shared machine stretch every task alike).
// Served from the sources by the browser tests' dev server (esbuild, cross-origin isolated),
// so "ours" means scripts from /src/…, as Long Animation Frames attribution names them.
// Run: npx tsx bench/elements-main-thread.bench.ts [player,guidance,seeds,playground]
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../scripts/chromium-path.mjs';
import { chromiumArgs } from '../scripts/browser-flags.mjs';
import type { ScenarioResult } from './elements-main-thread-page.js';

const names = (process.argv[2] ?? 'player,guidance,seeds,playground').split(',');

const server = await startDevServer({
  config: {
    rootDir: '.',
    port: 0,
    nodeResolve: true,
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
    middleware: [
      function crossOriginIsolation(context, next) {
        context.set('Cross-Origin-Opener-Policy', 'same-origin');
        context.set('Cross-Origin-Embedder-Policy', 'require-corp');
        context.set('Cross-Origin-Resource-Policy', 'same-origin');
        return next();
      },
    ],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
  autoExitProcess: false,
});
const port = (server.server?.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });

const f = (n: number) => n.toFixed(1);
try {
  console.log('budget: no script of ours over 50 ms × the load slowdown measured meanwhile');
  for (const name of names) {
    const tab = await browser.newPage();
    try {
      await tab.goto(`http://127.0.0.1:${port}/bench/elements-main-thread.html`);
      await tab.waitForFunction(() => 'lxElementsMainThread' in globalThis);
      const r = (await tab.evaluate(
        (scenario) => (globalThis as unknown as { lxElementsMainThread: (s: string) => Promise<unknown> }).lxElementsMainThread(scenario),
        name,
      )) as ScenarioResult;
      const [p50, p90, max] = r.probeQuantiles.map(f);
      const longest = Math.max(0, ...r.report.ourLongScripts.map((line) => Number(/: (\d+) ms/.exec(line)![1])));
      console.log(
        `${r.scenario}: ${r.outcome}; probe slowdown ${r.slowdownKind} ${f(r.slowdown)} (p50/p90/max ${p50} / ${p90} / ${max}), limit ${r.limit.toFixed(0)} ms; ` +
          `our longest script ${longest ? `${longest} ms` : 'under 50 ms'}; over the limit: ${r.overLimit.length ? r.overLimit.join('; ') : 'none'}`,
      );
      console.log(`  our scripts over 50 ms: ${JSON.stringify(r.report.ourLongScripts)}; long tasks (any source): ${JSON.stringify(r.report.longTasks)}`);
    } finally {
      await tab.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
