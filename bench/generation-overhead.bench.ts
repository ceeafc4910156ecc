// Where a full Node generation's time goes, in one run: 20 guided steps on the shipped pocket model
// (onnxruntime-node, 2 intra-op threads) plus the final decode, with every graph call timed. The
// limit is the graphs' own time (text encoder + 20 UNet pair steps + 1 decode); everything else
// (scheduler, noise, guidance mixing, copies, records) is the pipeline's overhead.
// Run: npx tsx bench/generation-overhead.bench.ts [generations, default 8]
import { loadavg } from 'node:os';
import { createNodeBackend, decodeLatent, generateAll, loadModelInNode, type DiffusionModel } from '../src/node.js';
import type { OnnxSession } from '../src/pipeline/io/backend.js';

const generations = Math.max(3, Number(process.argv[2] ?? 8));
const options = { prompt: 'a white sheep riding a red motorcycle on a road at sunset', seed: 42, steps: 20, guidanceScale: 5 };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const loaded = await loadModelInNode('assets/models/pocket', { backend: createNodeBackend({ intraOpNumThreads: 2 }) });
const spent: Record<string, number> = {};
const timed = (name: string, session: OnnxSession): OnnxSession => ({
  ...session,
  run: async (feeds, outputs) => {
    const start = performance.now();
    try {
      return await session.run(feeds, outputs);
    } finally {
      spent[name] = (spent[name] ?? 0) + performance.now() - start;
    }
  },
});
const components = Object.fromEntries(
  Object.entries(loaded.components).map(([name, component]) => [name, component && { ...component, session: timed(name, component.session) }]),
) as unknown as DiffusionModel['components'];
const model: DiffusionModel = { ...loaded, components };

const rows: Array<{ total: number; graphs: number; unet: number; decode: number; text: number }> = [];
for (let i = 0; i < generations + 1; i++) {
  for (const key of Object.keys(spent)) delete spent[key];
  const start = performance.now();
  const { steps } = await generateAll(model, options);
  await decodeLatent(model, steps.at(-1)!.latentOut);
  const total = performance.now() - start;
  const unet = spent['unet'] ?? 0;
  const decode = spent['vaeDecoder'] ?? 0;
  const text = spent['textEncoder'] ?? 0;
  if (i > 0) rows.push({ total, graphs: unet + decode + text, unet, decode, text }); // the first warms up
}
await loaded.dispose();
const pick = (key: keyof (typeof rows)[number]) => median(rows.map((row) => row[key]));
const overhead = rows.map((row) => row.total - row.graphs);
const outsideUnet = rows.map((row) => (row.total - row.unet) / row.total);
console.log(`\nfull generation (20 guided steps + decode), median of ${generations} after a warm-up one:`);
console.log(`  graphs only (limit: text encoder ${pick('text').toFixed(1)} + UNet ${pick('unet').toFixed(1)} + decode ${pick('decode').toFixed(1)} ms)   ${pick('graphs').toFixed(1).padStart(7)} ms`);
console.log(`  whole generation (ours)                                        ${pick('total').toFixed(1).padStart(7)} ms   ×${(pick('total') / pick('graphs')).toFixed(3)} of the limit`);
console.log(`  pipeline overhead outside every graph                          ${median(overhead).toFixed(1).padStart(7)} ms   ${((100 * median(overhead)) / pick('total')).toFixed(1)} %`);
console.log(`  everything outside the UNet (text encoder, decode, pipeline)   ${(100 * median(outsideUnet)).toFixed(1).padStart(7)} %`);
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
