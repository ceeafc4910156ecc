#!/usr/bin/env node
// `npm start`: bundles the docs site and serves it with every widget live on the shipped model.
import { buildDocs } from './build-docs.mjs';
import { serveStatic, SITE_MOUNTS } from './static-server.mjs';
import { ensureOrtRuntime } from './ort-runtime.mjs';
import { ensureDocsManifest } from './api-tables.mjs';

const port = Number(process.env.PORT ?? 8321);
ensureOrtRuntime();
ensureDocsManifest(); // the component pages' API tables
await buildDocs();
const server = await serveStatic({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  mounts: SITE_MOUNTS,
});
const { address, port: actual } = server.address();
console.log(`latent-explorables docs: http://${address === '127.0.0.1' ? 'localhost' : address}:${actual}/`);
console.log('Press Ctrl+C to stop.');
