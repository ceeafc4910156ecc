import { expect } from '@open-wc/testing';

// Proves the test browser has a working WebGPU device, so WebGPU code paths are tested for real.
describe('WebGPU in the test browser', () => {
  it('runs a compute shader and reads the result back', async () => {
    expect(navigator.gpu, 'navigator.gpu').to.exist;
    const adapter = await navigator.gpu.requestAdapter();
    expect(adapter, 'adapter').to.exist;
    const device = await adapter!.requestDevice();
    const input = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const storage = device.createBuffer({
      size: input.byteLength,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(storage, 0, input);
    const readback = device.createBuffer({ size: input.byteLength, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const module = device.createShaderModule({
      code: `@group(0) @binding(0) var<storage, read_write> data: array<f32>;
             @compute @workgroup_size(8) fn main(@builtin(global_invocation_id) id: vec3u) {
               data[id.x] = data[id.x] * data[id.x] + 0.5;
             }`,
    });
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const bindGroup = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: storage } }] });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(1);
    pass.end();
    encoder.copyBufferToBuffer(storage, 0, readback, 0, input.byteLength);
    device.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const result = Array.from(new Float32Array(readback.getMappedRange().slice(0)));
    readback.unmap();
    device.destroy();
    expect(result).to.deep.equal(Array.from(input, (x) => x * x + 0.5));
  });

  it('is cross-origin isolated, so onnxruntime-web can use threaded WASM', () => {
    expect(crossOriginIsolated).to.equal(true);
  });
});
