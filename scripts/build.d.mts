/** Gzipped size limits (KiB) of the library and the CDN bundle. */
export const BUDGETS_KIB: { library: number; cdn: number };
/** Builds the CDN bundle (entry, workers, chunks) into `outdir` (default `cdn/`). */
export function buildCdn(outdir?: string): Promise<void>;
