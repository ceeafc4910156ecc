// A small static file server with the cross-origin isolation headers that threaded
// WASM (SharedArrayBuffer) needs. Used by `npm start`, the e2e tests and the benchmarks.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * The development site: pages from docs/, the component pages as the docs build renders them
 * (docs/build/components/, from docs/components/ and docs/templates/), shipped files (and
 * onnxruntime's WASM) from assets/.
 */
export const SITE_MOUNTS = { '/': 'docs', '/components': 'docs/build/components', '/assets': 'assets' };

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.lxt': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `mounts` (URL prefix → folder, longest prefix wins) on `host:port`.
 * Resolves with the listening server; `port: 0` picks a free port. Only regular files inside a
 * mounted folder are served, after symlinks are followed; a request it cannot decode gets 400.
 * `asCdn`: answer as npm CDNs do (any origin may read and embed the files), for tests that load
 * the bundle from a second origin. `isolated: false` leaves out the cross-origin isolation
 * headers (a page as most hosts serve it: no SharedArrayBuffer, so single-threaded WASM).
 */
export function serveStatic({ mounts, port = 0, host = '127.0.0.1', asCdn = false, isolated = true }) {
  const entries = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer((request, response) => {
    respond(entries, request, response, { asCdn, isolated }).catch(() => {
      if (!response.headersSent) plain(response, 500, 'Server error');
      else response.destroy();
    });
  });
  return new Promise((resolvePromise) => server.listen(port, host, () => resolvePromise(server)));
}

/** Whether `path` is `folder` or lies inside it (a real separator boundary, not a name prefix). */
export function isInside(folder, path) {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

async function respond(entries, request, response, { asCdn, isolated }) {
  let path;
  try {
    path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    return plain(response, 400, 'Bad request');
  }
  if (path.includes('\0')) return plain(response, 400, 'Bad request');
  const mount = entries.find(([prefix]) => path === prefix.slice(0, -1) || path.startsWith(prefix));
  if (!mount) return notFound(response);
  const [prefix, dir] = mount;
  let file = normalize(join(dir, path.slice(prefix.length)));
  if (!isInside(dir, file)) return notFound(response);
  let stats = await stat(file).catch(() => null);
  if (stats?.isDirectory()) {
    file = join(file, 'index.html');
    stats = await stat(file).catch(() => null);
  }
  if (!stats?.isFile()) return notFound(response);
  // Symlinks are followed only to files inside the mounted folder.
  const [realDir, realFile] = await Promise.all([realpath(dir), realpath(file)]);
  if (!isInside(realDir, realFile)) return notFound(response);
  response.writeHead(200, {
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Content-Length': stats.size,
    'Cache-Control': 'no-cache',
    ...(isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {}),
    'Cross-Origin-Resource-Policy': asCdn ? 'cross-origin' : 'same-origin',
    ...(asCdn ? { 'Access-Control-Allow-Origin': '*' } : {}),
  });
  if (request.method === 'HEAD') return response.end();
  createReadStream(realFile)
    .on('error', () => response.destroy())
    .pipe(response);
}

function plain(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function notFound(response) {
  plain(response, 404, 'Not found');
}
