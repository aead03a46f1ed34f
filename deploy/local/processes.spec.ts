import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort } from './processes.mjs';

const servers: net.Server[] = [];

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve(server);
    });
  });
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('findFreePort', () => {
  it('returns a free ephemeral port when none is preferred', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    await listen(port); // it really is free
  });

  it('returns the preferred port when it is free', async () => {
    const port = await findFreePort();
    expect(await findFreePort(port)).toBe(port);
  });

  it('returns another, free port when the preferred one is busy', async () => {
    const busy = await listen(0);
    const busyPort = (busy.address() as net.AddressInfo).port;
    const port = await findFreePort(busyPort);
    expect(port).not.toBe(busyPort);
    await listen(port);
  });
});
