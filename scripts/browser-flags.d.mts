/** Chromium flags for headless runs with WebGPU on SwiftShader and no background networking. */
export const chromiumArgs: string[];
