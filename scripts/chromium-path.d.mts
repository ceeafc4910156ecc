/** CHROME_PATH or a system Chromium, if one exists. */
export function findChromium(): string | undefined;
/** A Chromium path, installing Debian's package when root; exits with an instruction otherwise. */
export function ensureChromium(): string;
