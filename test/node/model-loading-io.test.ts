// The two pieces of model loading that share the thread with a page: the HTTP body reader
// (chunks copied into one array as they arrive) and the sliced walk for external-data names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpSource } from '../../src/pipeline/model/http-source.js';
import { externalDataFiles } from '../../src/pipeline/model/onnx-external-data.js';
import { externalTensor, graph, model, node } from './onnx-protobuf.js';
import type { LoadProgress } from '../../src/pipeline/model/source.js';
import { AbortError } from '../../src/errors.js';

/** A deterministic body of `length` bytes (never containing the byte 0xff). */
function bodyBytes(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 131 + (i >> 7)) % 255);
}

/** A fetch answering every URL with `body` streamed in `chunkSize` pieces and the given Content-Length. */
function streamingFetch(body: Uint8Array, chunkSize: number, contentLength: number | null): typeof fetch {
  return (async () => {
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= body.length) return controller.close();
        // Fresh copies, as a network stack hands over: the reader must not keep views of one buffer.
        controller.enqueue(body.slice(offset, offset + chunkSize));
        offset += chunkSize;
      },
    });
    const headers: Record<string, string> = contentLength === null ? {} : { 'content-length': String(contentLength) };
    return new Response(stream, { headers });
  }) as typeof fetch;
}

async function readAll(body: Uint8Array, chunkSize: number, contentLength: number | null) {
  const progress: LoadProgress[] = [];
  const source = httpSource('http://models.test/pocket/', { fetch: streamingFetch(body, chunkSize, contentLength), cacheName: false });
  const bytes = await source.read('unet/model.onnx', { onProgress: (event) => progress.push(event) });
  return { bytes, progress };
}

test('the HTTP reader returns the body whole, in one buffer, when Content-Length is right', async () => {
  const body = bodyBytes(100_003);
  const { bytes, progress } = await readAll(body, 4096, body.length);
  assert.deepEqual(bytes, body);
  assert.equal(bytes.byteOffset, 0);
  assert.equal(bytes.buffer.byteLength, body.length, 'the array owns its whole buffer (so it can be transferred to a worker)');
  const loaded = progress.map((event) => event.loaded);
  assert.deepEqual(loaded, [...loaded].sort((a, b) => a - b), 'progress only grows');
  assert.equal(progress.at(-1)!.done, true);
  assert.equal(progress.at(-1)!.loaded, body.length);
  assert.ok(progress.slice(0, -1).every((event) => event.total === body.length && !event.done));
});

test('the HTTP reader copes with no Content-Length, a body larger than announced, and a smaller one', async () => {
  const body = bodyBytes(50_000);
  // 2^53: an announced size no array can have, which must not fail a 50 kB download.
  for (const contentLength of [null, 20_000, 70_000, 2 ** 53]) {
    const { bytes, progress } = await readAll(body, 3000, contentLength);
    assert.deepEqual(bytes, body, `Content-Length ${contentLength}`);
    assert.equal(progress.at(-1)!.total, body.length, `final total with Content-Length ${contentLength}`);
  }
});

test('the HTTP reader stops with an AbortError when its signal aborts mid-download', async () => {
  const controller = new AbortController();
  const source = httpSource('http://models.test/pocket/', { fetch: streamingFetch(bodyBytes(40_000), 1000, 40_000), cacheName: false });
  const reading = source.read('unet/model.onnx', {
    signal: controller.signal,
    onProgress: (event) => {
      if (event.loaded >= 5000) controller.abort();
    },
  });
  await assert.rejects(reading, AbortError);
});

test('the external-data walk of a graph with many nodes pauses between slices, and stops on abort', async () => {
  // 5000 nodes and one external tensor at the very end.
  const nodes = Array.from({ length: 5000 }, (_, i) => node('Identity', [`v${i}`], [`v${i + 1}`]));
  const bytes = model(graph(7, { nodes, initializers: [externalTensor('v0', 4, 'weights.pb')], output: 'v5000', n: 4 }));
  let pauses = 0;
  assert.deepEqual(await externalDataFiles(bytes, 'unet/model.onnx', { sliceFields: 1000, pause: async () => void (pauses += 1) }), ['weights.pb']);
  assert.ok(pauses >= 20 && pauses <= 40, `about one pause per 1000 fields (${pauses})`);
  const controller = new AbortController();
  const walk = externalDataFiles(bytes, 'unet/model.onnx', { sliceFields: 1000, signal: controller.signal, pause: async () => controller.abort() });
  await assert.rejects(walk, AbortError);
  // The default pause (a real yield to the event loop) works in Node too.
  assert.deepEqual(await externalDataFiles(bytes, 'unet/model.onnx', { sliceFields: 2000 }), ['weights.pb']);
});
