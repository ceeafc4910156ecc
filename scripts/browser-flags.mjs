// Chromium flags shared by the test runner, the e2e tests and the benchmarks.
// WebGPU runs on SwiftShader (Vulkan) so GPU code paths are exercised on CPU-only machines.
export const chromiumArgs = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
