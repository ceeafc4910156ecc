/**
 * Browser figures for the embedding explorer, in headless Chromium (see
 * test/node/explorers-chromium/harness.ts):
 *  - asset load-to-interactive: download + decode the 50k int8 asset + first answer;
 *  - one analogy query over 50k words, naive Float32 scan vs ours (int8 SIMD + exact rescoring),
 *    alternating in one run, answers checked identical — target ≤ 1.5 ms;
 *  - UMAP of N words (default 5 000): ours (worker, exact neighbour graph, seeded) beside plain
 *    umap-js with its own approximate neighbour search, on the same rows; ratio and the share
 *    of 10-nearest neighbours each layout keeps.
 *
 *   npx tsx bench/embeddings-browser.bench.ts [--umap-words 5000] [--skip-umap]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openExplorerPage } from '../test/node/explorers-chromium/harness.js';

const { values } = parseArgs({ options: { 'umap-words': { type: 'string', default: '5000' }, 'skip-umap': { type: 'boolean', default: false } } });
const umapWords = Number(values['umap-words']);
const ms = (value: number) => `${value.toFixed(1)} ms`;

console.log(`${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}`);
const session = await openExplorerPage();
try {
  const { page } = session;
  const load = await page.evaluate(async () => {
    const { lx } = window as unknown as { lx: any };
    const started = performance.now();
    const table = await lx.loadEmbeddings('/assets/embeddings/glove-6b-100d-50k.int8.lxemb');
    const loaded = performance.now();
    const answer = lx.solveExpression(table, 'king - man + woman').answers[0].label;
    return { loaded: loaded - started, interactive: performance.now() - started, answer };
  });
  console.log(`asset load-to-interactive (fetch + decode 5.8 MB + first answer "${load.answer}"): ${ms(load.interactive)} (fetch + decode ${ms(load.loaded)})`);

  // Naive Float32 scan and ours (int8 WebAssembly SIMD scan + exact rescoring), alternating.
  const query = await page.evaluate(async () => {
    const { lx } = window as unknown as { lx: any };
    const table = await lx.loadEmbeddings('/assets/embeddings/glove-6b-100d-50k.int8.lxemb');
    const naive: number[] = [];
    const ours: number[] = [];
    const expressions = ['paris - france + italy', 'king - man + woman', 'walking - walk + swim', 'bigger - big + small'];
    for (let run = 0; run < 200; run++) {
      const expression = expressions[run % expressions.length];
      let at = performance.now();
      const plain = lx.solveExpression(table, expression, { k: 10, scan: 'float32' });
      naive.push(performance.now() - at);
      at = performance.now();
      const fast = lx.solveExpression(table, expression, { k: 10 });
      ours.push(performance.now() - at);
      if (JSON.stringify(plain.answers) !== JSON.stringify(fast.answers)) throw new Error(`answers differ for ${expression}`);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    return { naive: median(naive), ours: median(ours), best: Math.min(...ours), size: table.size };
  });
  console.log(
    `analogy query over ${query.size} words (3CosAdd, top 10), 200 alternating: naive Float32 scan median ${ms(query.naive)}, ` +
      `int8 + exact rescoring median ${ms(query.ours)} (best ${ms(query.best)}); ratio ${(query.naive / query.ours).toFixed(1)}×; answers identical (target ≤ 1.5 ms)`,
  );

  if (!values['skip-umap']) {
    const umap = await page.evaluate(async (count: number) => {
      const { lx } = window as unknown as { lx: any };
      const table = await lx.loadEmbeddings('/assets/embeddings/glove-6b-100d-50k.int8.lxemb');
      // The most frequent words after the first 100 (mostly punctuation and stop words).
      const subset = table.subset(Array.from({ length: count }, (_, i) => i + 100));
      let progressEvents = 0;
      let started = performance.now();
      let layoutAt = Number.NaN; // the first layout progress: the neighbour graph is done
      const onProgress = (progress: { phase: string }) => {
        progressEvents++;
        if (progress.phase === 'layout' && Number.isNaN(layoutAt)) layoutAt = performance.now();
      };
      const ours = await lx.umapClient().fit(subset.units, 100, { seed: 42 }, { onProgress });
      const oursMs = performance.now() - started;
      const neighboursMs = layoutAt - started;
      const rows = Array.from({ length: count }, (_, r) => Array.from(subset.units.subarray(r * 100, (r + 1) * 100)));
      started = performance.now();
      const plain = new lx.UMAP({ nComponents: 2, random: lx.seededRandom(42) }).fit(rows);
      const plainMs = performance.now() - started;
      const keptOurs = lx.neighbourPreservation(subset.units, 100, ours, 10).mean;
      const keptPlain = lx.neighbourPreservation(subset.units, 100, Float32Array.from(plain.flat()), 10).mean;
      return { oursMs, neighboursMs, plainMs, progressEvents, keptOurs, keptPlain };
    }, umapWords);
    console.log(
      `UMAP of ${umapWords} words, seed 42: ours (worker, typed arrays, exact kNN) ${ms(umap.oursMs)} with ${umap.progressEvents} progress events; ` +
        `plain umap-js (main thread, nn-descent) ${ms(umap.plainMs)}; ours ${(umap.plainMs / umap.oursMs).toFixed(1)}× faster (target ≥ 3×)`,
    );
    console.log(`  ours: neighbour graph (with the worker's start) ${ms(umap.neighboursMs)}, layout ${ms(umap.oursMs - umap.neighboursMs)}`);
    console.log(`  10-NN kept in 2-D: ours ${(100 * umap.keptOurs).toFixed(1)}%, plain ${(100 * umap.keptPlain).toFixed(1)}%`);
  }
} finally {
  await session.close();
}
