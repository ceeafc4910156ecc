/** Whether `docs/custom-elements.json` is missing or older than the elements' sources. */
export function docsManifestIsStale(): boolean;
/** Regenerates `docs/custom-elements.json` with the analyzer when stale; returns its path. */
export function ensureDocsManifest(options?: { force?: boolean }): string;
