// Page script for model-download.bench.ts: reads the pocket UNet (12.7 MB) one way and reports
// the page's long tasks meanwhile, then times the walk that finds the graph's external-data files.
import { httpSource } from '../src/pipeline/model/http-source.js';
import { workerHttpSource } from '../src/pipeline/model/fetch-worker/worker-source.js';
import { externalDataFiles } from '../src/pipeline/model/onnx-external-data.js';

type Way = 'page-stream' | 'page-buffer' | 'worker';
const FOLDER = new URL('/assets/models/pocket/', location.href).href;
const FILE = 'unet/model.onnx';

async function read(way: Way): Promise<Uint8Array> {
  // A query per read, so no cache of any kind answers it.
  const path = `${FILE}?${way}-${Math.random()}`;
  if (way === 'worker') return workerHttpSource(FOLDER, { cacheName: false }).read(path);
  if (way === 'page-stream') return httpSource(FOLDER, { cacheName: false }).read(path);
  return new Uint8Array(await (await fetch(FOLDER + path)).arrayBuffer());
}

async function run(way: Way) {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => Math.round(e.duration))));
  observer.observe({ type: 'longtask' });
  const started = performance.now();
  const bytes = await read(way);
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 300)); // entries arrive asynchronously
  observer.disconnect();
  // The walk with no pauses: the longest the page could be blocked by it for this graph.
  const walkStart = performance.now();
  await externalDataFiles(bytes, FILE, { sliceFields: Infinity, pause: async () => {} });
  const walkMs = performance.now() - walkStart;
  return { bytes: bytes.length, ms, longTasks, walkMs };
}

(window as unknown as { runDownload: typeof run }).runDownload = run;
