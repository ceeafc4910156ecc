// Cost of lx-prompt-space's work on the shipped pocket model in onnxruntime-node: encoding and
// pooling the default 50 prompts, fitting the PCA map, evaluating a prompt expression, and one
// 20-step guided picture from the combined text state.
// Run: npx tsx bench/prompt-space.bench.ts
// Prints the median and minimum wall milliseconds and the median process CPU milliseconds of
// each stage over 5 repeats (the machine is shared: the minimum and the CPU time mean most).
import { loadModelInNode } from '../src/pipeline/model/node.js';
import { embedPrompts } from '../src/pipeline/run/prompt-embeddings.js';
import { generateAll } from '../src/pipeline/run/generate.js';
import { combinePrompts } from '../src/components/prompt-space/prompt-arithmetic.js';
import { promptLayout } from '../src/components/prompt-space/prompt-layout.js';
import { pocketPromptGrid } from '../src/components/prompt-space/prompt-list.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(label: string, task: () => Promise<unknown> | unknown): Promise<void> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await task();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  console.log(`${label.padEnd(58)} median ${median(walls).toFixed(1)} ms, min ${Math.min(...walls).toFixed(1)} ms, CPU ${median(cpus).toFixed(1)} ms`);
}

const model = await loadModelInNode('assets/models/pocket');
const prompts = pocketPromptGrid();
const embeddings = await embedPrompts(model, prompts);
const expression = '"a sheep riding a motorcycle on a road" - sheep + duck';
const combination = await combinePrompts(model, expression);
await measure(`encode + pool ${prompts.length} prompts`, () => embedPrompts(model, prompts));
await measure(`PCA map of ${prompts.length} pooled vectors (+ neighbour preservation)`, () => promptLayout(prompts, embeddings.pooled, embeddings.dimensions));
await measure(`evaluate ${expression}`, () => combinePrompts(model, expression));
await measure('20-step guided picture from the combined state', () =>
  generateAll(model, { prompt: expression, encoderHiddenStates: combination.states, seed: 7, steps: 20, guidanceScale: 5 }),
);
await model.dispose();
