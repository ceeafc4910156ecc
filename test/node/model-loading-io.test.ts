// The two pieces of model loading that share the thread with a page: the HTTP body reader
// (chunks copied into one array as they arrive) and the sliced scan for external-data names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpSource } from '../../src/pipeline/model/http-source.js';
import { containsAscii } from '../../src/pipeline/model/find-ascii.js';
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

test('the external-data scan finds a name anywhere, across slice boundaries, and pauses between slices', async () => {
  const haystack = bodyBytes(10_000);
  const name = 'weights.pb';
  for (const at of [0, 1023, 1020, 4096 - 3, 10_000 - name.length]) {
    const bytes = haystack.slice();
    bytes.set(Array.from(name, (c) => c.charCodeAt(0)), at);
    let pauses = 0;
    const found = await containsAscii(bytes, name, { sliceBytes: 1024, pause: async () => void (pauses += 1) });
    assert.equal(found, true, `name at ${at}`);
    assert.ok(pauses <= Math.ceil(at / 1024), `at most one pause per slice before ${at} (${pauses})`);
  }
  // A near miss at the very end (one byte short) is not a match.
  const truncated = haystack.slice();
  truncated.set(Array.from('weights.p', (c) => c.charCodeAt(0)), truncated.length - 9);
  assert.equal(await containsAscii(truncated, name, { sliceBytes: 1024, pause: async () => {} }), false);
});

test('the external-data scan of a large graph without the name pauses regularly, and stops on abort', async () => {
  const bytes = bodyBytes(1 << 20);
  let pauses = 0;
  assert.equal(await containsAscii(bytes, 'model.onnx_data', { sliceBytes: 64 * 1024, pause: async () => void (pauses += 1) }), false);
  assert.ok(pauses >= 14 && pauses <= 16, `a 1 MiB scan in 64 KiB slices pauses about 15 times (${pauses})`);
  const controller = new AbortController();
  const scan = containsAscii(bytes, 'model.onnx_data', { sliceBytes: 64 * 1024, signal: controller.signal, pause: async () => controller.abort() });
  await assert.rejects(scan, AbortError);
  // The default pause (a real yield to the event loop) works in Node too.
  assert.equal(await containsAscii(bytes, 'model.onnx_data', { sliceBytes: 256 * 1024 }), false);
});
