/**
 * Starts one of our module workers from its URL beside the code that starts it. When that code
 * came from another origin (the bundle loaded from an npm CDN), browsers refuse
 * `new Worker(url)` outright (a SecurityError): the worker is then started from a same-origin
 * blob whose only line imports the real module by its absolute URL (a CORS fetch, which CDNs
 * allow). Inside, `import.meta.url` is still the module's own URL, so its chunks, onnxruntime's
 * files and the assets resolve beside the bundle as usual.
 */

/** One bootstrap per worker module: the blob stays valid while any worker may still load it. */
const bootstraps = new Map<string, string>();

function bootstrapFor(url: URL): string {
  let blobUrl = bootstraps.get(url.href);
  if (!blobUrl) {
    const source = `import ${JSON.stringify(url.href)};\n`;
    blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    bootstraps.set(url.href, blobUrl);
  }
  return blobUrl;
}

/** Whether the page may start a worker from `url` directly. */
function sameOrigin(url: URL): boolean {
  const page = globalThis.location;
  // Workers of workers, and pages without an origin of their own (about:blank, file:), go through the blob.
  return page !== undefined && page.origin !== 'null' && url.origin === page.origin;
}

/**
 * `new Worker(url, { type: 'module', name })`, through a blob bootstrap when `url` is on another
 * origin (or the direct start is refused). Throws only when neither way is allowed; a worker
 * whose module then fails to load reports it as its `error` event, as any worker does.
 */
export function startModuleWorker(url: URL, name?: string): Worker {
  const options: WorkerOptions = { type: 'module', ...(name ? { name } : {}) };
  if (sameOrigin(url)) {
    try {
      return new Worker(url, options);
    } catch {
      // e.g. a page whose origin the browser sees differently (sandboxed frames): try the blob
    }
  }
  return new Worker(bootstrapFor(url), options);
}
