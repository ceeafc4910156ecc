/** Bundles docs/src/<page>.page.ts into docs/build/<page>.js; resolves with the page names. */
export function buildDocs(options?: { minify?: boolean }): Promise<string[]>;
