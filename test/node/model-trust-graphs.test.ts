/**
 * External data: an ONNX graph names files for its tensors' bytes, which onnxruntime would look
 * up beside the model or, for a graph given as bytes, in the working directory. The loader
 * finds every such name wherever the format allows a tensor, refuses any that is not a plain
 * file name, and reads the files from the model folder itself.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { externalDataFiles } from '../../src/pipeline/model/onnx-external-data.js';
import { ModelLoadError } from '../../src/pipeline/model/errors.js';
import { loadModelInNode } from '../../src/pipeline/model/node.js';
import type { OnnxBackend } from '../../src/pipeline/io/backend.js';
import { bytes, externalTensor, floatValue, graph, identityOfExternal, int, message, model, node, rawTensor } from './onnx-protobuf.js';

const SD15 = 'test/fixtures/models/sd15';
const SD15_EXTERNAL = 'test/fixtures/models/sd15-external-data';
let scratch = '';

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lx-graphs-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const names = (graphBytes: Uint8Array) => externalDataFiles(graphBytes, 'unet/model.onnx');

/** A one-node graph whose only tensor sits where `place` puts it. */
function graphWith(place: 'initializer' | 'constant' | 'tensors' | 'if' | 'loop' | 'sparse' | 'function' | 'training', location: string) {
  const tensor = externalTensor('W', 4, location);
  const inner = graph(6, { nodes: [node('Constant', [], ['c'], message(5, bytes(1, 'value'), message(5, ...tensor)))], output: 'c', n: 4 });
  const plain = (extra: Parameters<typeof graph>[1] = { nodes: [node('Identity', ['x'], ['out'])], output: 'out', n: 4 }) => graph(7, extra);
  switch (place) {
    case 'initializer':
      return model(plain({ nodes: [node('Identity', ['W'], ['out'])], initializers: [tensor], output: 'out', n: 4 }));
    case 'constant':
      return model(plain({ nodes: [node('Constant', [], ['out'], message(5, bytes(1, 'value'), message(5, ...tensor)))], output: 'out', n: 4 }));
    case 'tensors':
      return model(plain({ nodes: [node('Custom', [], ['out'], message(5, bytes(1, 'list'), message(10, ...tensor)))], output: 'out', n: 4 }));
    case 'if':
      return model(plain({ nodes: [node('If', ['cond'], ['out'], message(5, bytes(1, 'then_branch'), inner))], output: 'out', n: 4 }));
    case 'loop':
      // A subgraph inside a subgraph: graphs (11) of an attribute of a node of an attribute's graph.
      return model(plain({
        nodes: [node('Loop', [], ['out'], message(5, bytes(1, 'body'), graph(6, { nodes: [node('Custom', [], ['y'], message(5, bytes(1, 'gs'), graph(11, { nodes: [], initializers: [tensor], output: 'z', n: 4 })))], output: 'y', n: 4 })))],
        output: 'out',
        n: 4,
      }));
    case 'sparse':
      return model(plain({ nodes: [node('Identity', ['S'], ['out'])], output: 'out', n: 4, extra: [message(15, message(1, ...tensor), message(2, ...rawTensor('i', [0])), int(3, 4))] }));
    case 'function':
      // FunctionProto keeps its nodes in field 7.
      return model(plain(), message(25, bytes(1, 'f'), bytes(10, 'lx'), message(7, bytes(2, 'c'), bytes(4, 'Constant'), message(5, bytes(1, 'value'), message(5, ...tensor)))));
    case 'training':
      return model(plain(), message(20, graph(2, { nodes: [], initializers: [tensor], output: 'w', n: 4 })));
  }
}

test('finds external data wherever ONNX allows a tensor: initializers, attributes, subgraphs, sparse tensors, functions, training graphs', async () => {
  for (const place of ['initializer', 'constant', 'tensors', 'if', 'loop', 'sparse', 'function', 'training'] as const) {
    assert.deepEqual(await names(graphWith(place, 'weights.pb')), ['weights.pb'], place);
    await assert.rejects(names(graphWith(place, '../secret.env')), (e: unknown) => e instanceof ModelLoadError && e.field === 'unet/model.onnx', place);
  }
});

test('refuses every name that is not a plain file beside the graph, naming it', async () => {
  const refused = ['../secret.env', '/etc/passwd', 'sub/w.bin', 'a\\b', '..', '.', '', 'C:weights', '*/_ORT_MEM_ADDR_/*', '*/_ORT_NATIVE_ENDIAN_MEM_ADDR_/*', 'w\u0000.pb', '%2e%2e', 'w?x', 'w#x'];
  for (const location of refused) {
    await assert.rejects(names(identityOfExternal(location)), (e: unknown) => {
      assert.ok(e instanceof ModelLoadError, `${JSON.stringify(location)}: ${String(e)}`);
      assert.equal(e.field, 'unet/model.onnx');
      assert.match(e.message, /external data|names no file/);
      return true;
    });
  }
  // What real exports write is accepted: the diffusers script's, optimum's, torch's per-tensor names.
  for (const location of ['weights.pb', 'model.onnx_data', 'onnx__MatMul_9012', 'text_model.encoder.layers.0.mlp.fc1.weight', 'my weights.bin']) {
    assert.deepEqual(await names(identityOfExternal(location)), [location]);
  }
});

test('reads the protobuf as onnxruntime does: repeated messages merge, the last data_location wins, enums keep 32 bits', async () => {
  // Two `graph` fields are merged by protobuf; a tensor hidden in the second is still found.
  const second = graph(7, { nodes: [], initializers: [externalTensor('W', 4, 'hidden.bin')], output: 'w', n: 4 });
  assert.deepEqual(await names(model(graph(7, { nodes: [], output: 'x', n: 4 }), second)), ['hidden.bin']);
  // data_location written twice: DEFAULT then EXTERNAL means external; EXTERNAL then DEFAULT does not.
  const tensor = (...locations: number[]) => model(graph(7, { nodes: [], initializers: [[...externalTensor('W', 4, 'w.bin').slice(0, -1), ...locations.map((l) => int(14, l))]], output: 'w', n: 4 }));
  assert.deepEqual(await names(tensor(0, 1)), ['w.bin']);
  assert.deepEqual(await names(tensor(1, 0)), []);
  // 2^32 + 1 is 1 as an int32 enum.
  assert.deepEqual(await names(tensor(2 ** 32 + 1)), ['w.bin']);
  // Marked external without a location, or with a location that is not UTF-8.
  await assert.rejects(names(model(graph(7, { nodes: [], initializers: [[int(1, 4), int(2, 1), bytes(8, 'W'), int(14, 1)]], output: 'w', n: 4 }))), /names no file/);
  const notUtf8 = model(graph(7, { nodes: [], initializers: [[int(1, 4), int(14, 1), message(13, bytes(1, 'location'), bytes(2, Uint8Array.of(0xff, 0xfe)))]], output: 'w', n: 4 }));
  await assert.rejects(names(notUtf8), /not UTF-8/);
  // A tensor whose data is inside the graph names nothing.
  assert.deepEqual(await names(model(graph(7, { nodes: [node('Identity', ['W'], ['out'])], initializers: [rawTensor('W', [1, 2, 3, 4])], output: 'out', n: 4 }))), []);
});

test('malformed graphs are refused, never guessed at: truncation, groups, impossible lengths, nesting past 100', async () => {
  const good = identityOfExternal('weights.pb');
  for (let cut = 1; cut < good.length; cut += 7) {
    try {
      await names(good.subarray(0, cut));
    } catch (error) {
      assert.ok(error instanceof ModelLoadError && /not a valid ONNX graph/.test(error.message), String(error));
    }
  }
  await assert.rejects(names(Uint8Array.of((7 << 3) | 3, 0)), /groups/);
  await assert.rejects(names(Uint8Array.of((7 << 3) | 2, 0xff, 0xff, 0xff, 0xff, 0x0f)), /runs past the end/);
  await assert.rejects(names(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)), /longer than 10 bytes/);
  let deep = graph(6, { nodes: [], output: 'x', n: 1 });
  for (let i = 0; i < 60; i++) deep = graph(6, { nodes: [node('If', [], ['x'], message(5, bytes(1, 'g'), deep))], output: 'x', n: 1 });
  await assert.rejects(names(model(graph(7, { nodes: [node('If', [], ['x'], message(5, bytes(1, 'g'), deep))], output: 'x', n: 1 }))), /nest deeper than 100/);
});

test('the shipped and fixture graphs: pocket has none, the SD 1.5 external-data fixture names weights.pb', async () => {
  for (const part of ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder']) {
    assert.deepEqual(await names(await readFile(`assets/models/pocket/${part}/model.onnx`)), [], part);
  }
  assert.deepEqual(await names(await readFile(`${SD15_EXTERNAL}/unet/model.onnx`)), ['weights.pb']);
});

/** A backend that must not be reached: every refusal here happens before a session exists. */
const unreachable: OnnxBackend = {
  name: 'unreachable',
  availableProviders: async () => ['cpu'],
  createSession: async () => assert.fail('a session was created for a refused graph'),
};

test('a graph naming a file of the working directory cannot read it: the name is looked up in the model folder only', async () => {
  // The fixture's UNet with its weight file renamed (same length, so the graph stays valid).
  const folder = join(scratch, 'cwd-reader');
  await cp(SD15_EXTERNAL, folder, { recursive: true });
  const unet = await readFile(join(folder, 'unet/model.onnx'));
  const renamed = Buffer.from(unet.toString('latin1').split('weights.pb').join('secret.env'), 'latin1');
  await writeFile(join(folder, 'unet/model.onnx'), renamed);
  await rm(join(folder, 'unet/weights.pb'));
  // The working directory holds a file of that name with the real weights: before the fix, onnxruntime loaded them.
  const cwd = join(scratch, 'cwd');
  await cp(join(SD15_EXTERNAL, 'unet/weights.pb'), join(cwd, 'secret.env'));
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    await assert.rejects(loadModelInNode(folder, { skipVaeEncoder: true }), (e: unknown) => {
      assert.ok(e instanceof ModelLoadError, String(e));
      assert.equal(e.field, 'unet/secret.env');
      assert.match(e.message, /is missing from/);
      return true;
    });
  } finally {
    process.chdir(previous);
  }
  // With the file inside the folder, the same graph loads and runs.
  await cp(join(SD15_EXTERNAL, 'unet/weights.pb'), join(folder, 'unet/secret.env'));
  const loaded = await loadModelInNode(folder, { skipVaeEncoder: true });
  await loaded.dispose();
});

test('a refused name stops the load before any session exists, naming the graph', async () => {
  const folder = join(scratch, 'refused');
  await cp(SD15, folder, { recursive: true });
  await writeFile(join(folder, 'text_encoder/model.onnx'), identityOfExternal('../../../etc/passwd'));
  await assert.rejects(loadModelInNode(folder, { backend: unreachable }), (e: unknown) => e instanceof ModelLoadError && e.field === 'text_encoder/model.onnx' && /not a file beside the graph/.test(e.message));
  // A plain name that is a link out of the folder is refused when read.
  await writeFile(join(folder, 'text_encoder/model.onnx'), identityOfExternal('weights.pb'));
  await writeFile(join(scratch, 'outside.bin'), new Uint8Array(16));
  await symlink(join(scratch, 'outside.bin'), join(folder, 'text_encoder/weights.pb'));
  await assert.rejects(loadModelInNode(folder, { backend: unreachable }), (e: unknown) => e instanceof ModelLoadError && e.field === 'text_encoder/weights.pb' && /outside the model folder/.test(e.message));
});

test('the float value builder writes a graph onnxruntime accepts (the fixtures above are real ONNX)', async () => {
  const { createNodeBackend } = await import('../../src/pipeline/io/node-backend.js');
  const bytesOf = model(graph(7, { nodes: [node('Identity', ['x'], ['out'])], output: 'out', n: 4, extra: [floatValue(11, 'x', 4)] }));
  const session = await createNodeBackend().createSession(bytesOf, { label: 'probe' });
  assert.deepEqual(session.inputs.map((v) => v.name), ['x']);
  await session.release();
});
