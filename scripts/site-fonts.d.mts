/** Copies the site's DejaVu .woff2 files and their licence into `target` (default docs/build/fonts); returns it. */
export function copySiteFonts(target?: string): string;
