/** `{ 'name.worker': 'src/…/name.worker.ts' }` for every worker source under `dir`. */
export function workerEntryPoints(dir?: string): Record<string, string>;
