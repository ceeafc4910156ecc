/**
 * Bundles docs/src/<page>.page.ts into docs/build/<page>.js and renders the component pages into
 * docs/build/components/; resolves with the bundled page names.
 */
export function buildDocs(options?: { minify?: boolean }): Promise<string[]>;
