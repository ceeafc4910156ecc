import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AbortError, InvalidOptionError, LatentExplorablesError, toWire } from '../../src/errors.js';
import { UnknownWordError } from '../../src/explorers/errors.js';
import { WorkerRpc, type WorkerRpcOptions } from '../../src/worker-rpc.js';

// The page's side of every worker of ours, against a stand-in worker that records what it is
// sent and answers when the test says so (the real workers are exercised by the browser tests).

type Request = { readonly type: 'work'; readonly id: number; readonly n: number } | { readonly type: 'note'; readonly text: string };
type Reply =
  | { readonly type: 'done'; readonly id: number; readonly n: number }
  | { readonly type: 'progress'; readonly id: number; readonly progress: number }
  | { readonly type: 'failed'; readonly id: number | null; readonly error: ReturnType<typeof toWire> }
  | { readonly type: 'hello' };

class FakeWorker extends EventTarget {
  readonly sent: unknown[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: Reply): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }
  crash(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message }));
  }
}

function connect(options: Partial<WorkerRpcOptions<Reply>> = {}) {
  const worker = new FakeWorker();
  const rpc = new WorkerRpc<Request, Reply>(() => worker as unknown as Worker, {
    description: 'test worker',
    failure: (message) => new LatentExplorablesError('worker-failed', message),
    ...options,
  });
  return { worker, rpc };
}

const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: Error) => ({ error }));

test('numbers requests, passes progress on, resolves each call with the reply of its id', async () => {
  const { worker, rpc } = connect();
  const progress: number[] = [];
  const first = rpc.call<Extract<Reply, { type: 'done' }>>({ type: 'work', n: 1 }, { onProgress: (p) => progress.push(p as number) });
  const second = rpc.call<Extract<Reply, { type: 'done' }>>({ type: 'work', n: 2 });
  assert.deepEqual(worker.sent, [{ type: 'work', n: 1, id: 1 }, { type: 'work', n: 2, id: 2 }]);
  worker.reply({ type: 'progress', id: 1, progress: 0.5 });
  worker.reply({ type: 'done', id: 2, n: 20 });
  worker.reply({ type: 'done', id: 1, n: 10 });
  assert.equal((await first).n, 10);
  assert.equal((await second).n, 20);
  assert.deepEqual(progress, [0.5]);
});

test('a failed reply rejects with the thrown class, code, field and extra properties', async () => {
  const { worker, rpc } = connect();
  const call = settle(rpc.call({ type: 'work', n: 1 }));
  worker.reply({ type: 'failed', id: 1, error: toWire(new UnknownWordError('ewe', { start: 0, end: 3 }, ['eve'])) });
  const { error } = (await call) as { error: UnknownWordError };
  assert.ok(error instanceof UnknownWordError);
  assert.equal(error.code, 'unknown-word');
  assert.equal(error.field, 'expression');
  assert.equal(error.word, 'ewe');
  assert.deepEqual(error.suggestions, ['eve']);
  assert.deepEqual(error.span, { start: 0, end: 3 });
});

for (const [name, fail] of [
  ['error', (worker: FakeWorker) => worker.crash('boom')],
  ['messageerror', (worker: FakeWorker) => worker.dispatchEvent(new Event('messageerror'))],
] as const) {
  test(`a worker ${name} rejects every pending call, terminates it and refuses new calls`, async () => {
    const stops: Error[] = [];
    const { worker, rpc } = connect({ onStop: (reason) => stops.push(reason) });
    const calls = [settle(rpc.call({ type: 'work', n: 1 })), settle(rpc.call({ type: 'work', n: 2 }))];
    fail(worker);
    for (const call of calls) {
      const { error } = (await call) as { error: LatentExplorablesError };
      assert.equal(error.code, 'worker-failed');
      assert.match(error.message, name === 'error' ? /^the test worker failed: boom$/ : /test worker sent a message that could not be read/);
    }
    assert.ok(worker.terminated);
    assert.equal(stops.length, 1);
    assert.equal(((await settle(rpc.call({ type: 'work', n: 3 }))) as { error: Error }).error, rpc.failure);
  });
}

test('stop rejects everything pending with the reason given', async () => {
  const { rpc } = connect();
  const call = settle(rpc.call({ type: 'work', n: 1 }));
  rpc.stop(new AbortError('stopped'));
  const { error } = (await call) as { error: Error };
  assert.ok(error instanceof AbortError);
});

test('aborting a call tells the worker (abort: message) or stops it (abort: terminate)', async () => {
  const asked = connect({ abort: 'message' });
  const controller = new AbortController();
  const call = settle(asked.rpc.call({ type: 'work', n: 1 }, { signal: controller.signal }));
  controller.abort();
  assert.ok(((await call) as { error: Error }).error instanceof AbortError);
  assert.deepEqual(asked.worker.sent.at(-1), { type: 'abort', id: 1 });
  assert.equal(asked.rpc.failure, undefined);
  asked.worker.reply({ type: 'done', id: 1, n: 1 }); // a late answer is ignored

  const stopped = connect({ abort: 'terminate' });
  const other = new AbortController();
  const pending = [settle(stopped.rpc.call({ type: 'work', n: 1 }, { signal: other.signal })), settle(stopped.rpc.call({ type: 'work', n: 2 }))];
  other.abort();
  for (const result of pending) assert.ok(((await result) as { error: Error }).error instanceof AbortError);
  assert.ok(stopped.worker.terminated);
});

test('messages that answer no call go to onMessage, and a worker that cannot start throws the failure', () => {
  const seen: Reply[] = [];
  const { worker } = connect({ onMessage: (message) => seen.push(message) });
  worker.reply({ type: 'hello' });
  worker.reply({ type: 'failed', id: null, error: toWire(new InvalidOptionError('preset', 'unknown')) });
  assert.deepEqual(seen.map((message) => message.type), ['hello', 'failed']);
  assert.throws(
    () =>
      new WorkerRpc(() => {
        throw new Error('refused');
      }, { description: 'test worker', failure: (message) => new LatentExplorablesError('worker-failed', message) }),
    /could not start the test worker: refused/,
  );
});
