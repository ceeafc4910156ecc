/**
 * A small HTTP server for hostile model-folder tests, on 127.0.0.1 only: serves files from
 * memory and lets a test answer any path its own way (silence, a trickle, an endless or
 * compressed body). Every way of answering is bounded, so a client that never stops reading
 * still ends, and `close()` ends every connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createGzip } from 'node:zlib';

export type Answer = (request: IncomingMessage, response: ServerResponse) => void;

export interface HostileServer {
  /** `http://127.0.0.1:port` */
  readonly origin: string;
  /** Every path requested, in order. */
  readonly requests: string[];
  /** Files (by URL path, e.g. `/pocket/model_index.json`) and special answers. */
  readonly routes: Map<string, Uint8Array | Answer>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.html': 'text/html', '.js': 'text/javascript' };

export async function hostileServer(routes = new Map<string, Uint8Array | Answer>()): Promise<HostileServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const route = routes.get(path);
    if (typeof route === 'function') return route(request, response);
    if (!route) {
      response.writeHead(404).end('not found');
      return;
    }
    const type = TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
    response.writeHead(200, { 'Content-Type': type, 'Content-Length': route.length }).end(route);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    routes,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Adds every file under `dir` to `routes` under `prefix` (e.g. `/pocket/`). */
export async function addFolder(routes: Map<string, Uint8Array | Answer>, dir: string, prefix: string): Promise<void> {
  const walk = async (at: string): Promise<void> => {
    for (const name of await readdir(at)) {
      const path = join(at, name);
      if ((await stat(path)).isDirectory()) await walk(path);
      else routes.set(prefix + relative(dir, path), new Uint8Array(await readFile(path)));
    }
  };
  await walk(dir);
}

/** Accepts the request and never answers it. */
export const silence: Answer = () => undefined;

/** Headers, then one byte every `everyMs` until the client goes or `maxBytes` are sent. */
export function trickle(everyMs: number, maxBytes = 10_000): Answer {
  return (request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    let sent = 0;
    const timer = setInterval(() => {
      if (sent++ >= maxBytes || response.destroyed) {
        clearInterval(timer);
        response.end();
        return;
      }
      response.write(Uint8Array.of(sent & 0xff));
    }, everyMs);
    request.socket.on('close', () => clearInterval(timer));
  };
}

/** A body that goes on (1 MiB chunks, no Content-Length) until the client stops reading, at most `maxBytes`. */
export function endless(maxBytes = 512 * 2 ** 20): Answer {
  return (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    const chunk = new Uint8Array(2 ** 20).fill(7);
    let sent = 0;
    const pump = () => {
      while (sent < maxBytes && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    pump();
  };
}

/**
 * A gzip-encoded body that decodes to `decodedBytes` of `{"a":"` + spaces: a compression bomb.
 * Compressed lazily as the client reads, so neither side holds it whole.
 */
export function gzipBomb(decodedBytes = 2 ** 30): Answer {
  return (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    const gzip = createGzip({ level: 9 });
    gzip.pipe(response);
    const chunk = new Uint8Array(2 ** 20).fill(0x20);
    let written = 0;
    const pump = () => {
      if (written === 0) {
        gzip.write('{"a":"');
        written = 6;
      }
      while (written < decodedBytes && !response.destroyed) {
        written += chunk.length;
        if (!gzip.write(chunk)) return void gzip.once('drain', pump);
      }
      gzip.end();
    };
    response.on('close', () => gzip.destroy());
    pump();
  };
}
