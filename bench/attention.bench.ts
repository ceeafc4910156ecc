// What the cross-attention maps cost: the same 20-step guided run on the pocket model, plain
// (`generate`, which asks the UNet for out_sample only) against `generateWithAttention` (which also
// fetches cross_attention_16x16 and _8x8 every step), alternating in one process so load from other
// processes hits both alike; then the cost of turning a run's maps into every word's picture.
// Run: npx tsx bench/attention.bench.ts [ITERATIONS]   (default 8; onnxruntime-node, 2 intra-op threads)
import { cpus, loadavg } from 'node:os';
import { createNodeBackend, loadModelInNode, generateAll } from '../src/node.js';
import { attentionHeatmap, attentionWords, generateWithAttention, stepAttention, type StepAttention } from '../src/pipeline/attention/index.js';

const iterations = Number(process.argv[2] ?? 8);
const model = await loadModelInNode('assets/models/pocket', { backend: createNodeBackend({ intraOpNumThreads: 2 }) });
const options = { prompt: 'a white sheep riding a red motorcycle on a road at sunset', seed: 42, steps: 20, guidanceScale: 5 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function withAttention(): Promise<StepAttention[]> {
  const maps: StepAttention[] = [];
  for await (const record of generateWithAttention(model, options)) maps.push(stepAttention(model, record));
  return maps;
}

const jobs = { plain: () => generateAll(model, options), 'with attention maps': withAttention };
const walls: Record<string, number[]> = { plain: [], 'with attention maps': [] };
const cpu: Record<string, number> = { plain: 0, 'with attention maps': 0 };
for (const job of Object.values(jobs)) await job(); // warm-up
const load0 = loadavg();
for (let i = 0; i < iterations; i++) {
  for (const [name, job] of Object.entries(jobs)) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    await job();
    walls[name]!.push(performance.now() - t);
    const c = process.cpuUsage(c0);
    cpu[name]! += (c.user + c.system) / 1000;
  }
}
const load1 = loadavg();
console.log(`pocket model, 20 guided steps, onnxruntime-node 2 threads, ${cpus()[0]?.model ?? ''}, ${iterations} runs each, alternating`);
console.log(`load average (1 min) before/after: ${load0[0]!.toFixed(2)} / ${load1[0]!.toFixed(2)} on ${cpus().length} cores`);
for (const name of Object.keys(jobs)) {
  const ratio = name === 'plain' ? '' : `   wall x${(median(walls[name]!) / median(walls['plain']!)).toFixed(3)}, cpu x${(cpu[name]! / cpu['plain']!).toFixed(3)} of plain`;
  console.log(`${name.padEnd(22)} median ${median(walls[name]!).toFixed(1).padStart(8)} ms   cpu ${(cpu[name]! / iterations).toFixed(1).padStart(8)} ms${ratio}`);
}

// Turning the maps into pictures, as the element does: every entry's map at one step and aggregated.
const maps = await withAttention();
const run = generateWithAttention(model, { ...options, steps: 1 });
for await (const _ of run) break;
const words = attentionWords((await run.info).promptTokens!, model.config.textMaxLength);
const mapTimes: number[] = [];
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  for (const word of words) {
    attentionHeatmap([maps[10]!], word.positions, model.config.imageSize);
    attentionHeatmap(maps, word.positions, model.config.imageSize);
  }
  if (i > 0) mapTimes.push(performance.now() - t0); // the first pass warms the JIT
}
const spent = median(mapTimes);
console.log(`maps for all ${words.length} entries at 128x128, one step + aggregated over 20 steps: median ${spent.toFixed(1)} ms of 5 (${(spent / words.length).toFixed(2)} ms per entry)`);
const bytes = maps.reduce((n, m) => n + m.levels.reduce((k, l) => k + l.data.byteLength, 0), 0);
console.log(`attention kept for the run: ${(bytes / 1024).toFixed(0)} KiB (${maps[0]!.levels.map((l) => `${l.resolution}x${l.resolution}`).join(' + ')} x ${maps[0]!.textLength} positions x 20 steps)`);
await model.dispose();
