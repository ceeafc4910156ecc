/**
 * `npm start`'s file server (scripts/static-server.mjs) against raw requests: a request it cannot
 * decode gets 400 and the server lives on; nothing outside a mounted folder is served, whether
 * reached through `..`, an encoded slash, a sibling folder whose name starts like the mount, or
 * a symlink; special files are not served.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../scripts/static-server.mjs';

let dir = '';
let server: Server;
let port = 0;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lx-static-'));
  // /assets → site/assets; its sibling site/assets-private must stay private.
  await mkdir(join(dir, 'site/assets'), { recursive: true });
  await mkdir(join(dir, 'site/assets-private'), { recursive: true });
  await mkdir(join(dir, 'site/docs'), { recursive: true });
  await writeFile(join(dir, 'site/assets/ok.txt'), 'public');
  await writeFile(join(dir, 'site/docs/index.html'), '<p>docs</p>');
  await writeFile(join(dir, 'site/assets-private/secret.txt'), 'private');
  await writeFile(join(dir, 'outside.txt'), 'outside');
  await symlink(join(dir, 'outside.txt'), join(dir, 'site/assets/link-out.txt'));
  await symlink(join(dir, 'site/assets/ok.txt'), join(dir, 'site/assets/link-in.txt'));
  execFileSync('mkfifo', [join(dir, 'site/assets/fifo.txt')]);
  server = await serveStatic({ mounts: { '/': join(dir, 'site/docs'), '/assets': join(dir, 'site/assets') } });
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends a raw request line (no client-side URL clean-up) and returns the status and body. */
function raw(target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${target}`)));
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

test('undecodable requests get 400 and the server keeps serving', async () => {
  for (const target of ['/%', '/assets/%E0%A4%A', '/%00', '/assets/ok.txt%00.html']) {
    assert.equal((await raw(target)).status, 400, target);
  }
  assert.deepEqual(await raw('/assets/ok.txt'), { status: 200, body: 'public' });
  assert.equal((await raw('/')).body, '<p>docs</p>');
});

test('nothing outside a mounted folder: .., encoded slashes, a sibling named like the mount, symlinks out', async () => {
  for (const target of [
    '/assets/../assets-private/secret.txt',
    '/assets/..%2fassets-private%2fsecret.txt',
    '/assets/%2e%2e/assets-private/secret.txt',
    '/assets/..%5cassets-private%5csecret.txt',
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/assets/link-out.txt',
  ]) {
    const { status, body } = await raw(target);
    assert.equal(status, 404, `${target}: ${body}`);
    assert.doesNotMatch(body, /private|outside/);
  }
  // A symlink to a file inside the folder is fine.
  assert.deepEqual(await raw('/assets/link-in.txt'), { status: 200, body: 'public' });
});

test('special files are not served (a FIFO would block the reader forever)', async () => {
  assert.equal((await raw('/assets/fifo.txt')).status, 404);
});
