/** `{ 'name.worker': 'src/…/name.worker.ts' }` for every worker source under `dir`. */
export function workerEntryPoints(dir?: string): Record<string, string>;
/** Bundles a page (`{ name: source }`) with every worker beside it in `outdir`. */
export function bundlePageWithWorkers(page: Record<string, string>, outdir: string): Promise<void>;
