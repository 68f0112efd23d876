import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { livekitNodes } from '../../src/server/call/livekit-nodes.js';
import { pageSecurityHeaders } from '../../src/server/http/page-security.js';

/** A stand-in for a node's HTTP port that answers `GET /` with 200 ("OK", as livekit-server does) while `up`. */
async function node(): Promise<{ url: string; up: boolean; server: Server }> {
  const state = { url: '', up: true, server: createServer((_req, res) => res.writeHead(state.up ? 200 : 503).end('OK')) };
  await new Promise<void>((done) => state.server.listen(0, '127.0.0.1', done));
  state.url = `ws://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
};

describe('LiveKit nodes without a load balancer', () => {
  const servers: Server[] = [];
  after(() => servers.forEach((s) => s.close()));

  it('uses one URL as it is, unprobed', () => {
    const nodes = livekitNodes(['wss://livekit.example.nl']);
    assert.deepEqual([nodes.pick(), nodes.pick(), nodes.apiUrl()], Array(3).fill('wss://livekit.example.nl'));
    nodes.stop();
  });

  it('sends participants to the nodes in turn, skips a node that stops answering and takes it back when it answers again', async () => {
    const [a, b, c] = await Promise.all([node(), node(), node()]);
    servers.push(a.server, b.server, c.server);
    const nodes = livekitNodes([a.url, b.url, c.url], { probeIntervalMs: 50 });
    try {
      assert.deepEqual(Array.from({ length: 6 }, () => nodes.pick()), [a.url, b.url, c.url, a.url, b.url, c.url]);
      a.up = false;
      await until(() => nodes.apiUrl() === b.url, 'node a to count as down');
      const picked = new Set(Array.from({ length: 6 }, () => nodes.pick()));
      assert.deepEqual([...picked].sort(), [b.url, c.url].sort());
      a.up = true;
      await until(() => nodes.apiUrl() === a.url, 'node a to count as up again');
      assert.ok(Array.from({ length: 3 }, () => nodes.pick()).includes(a.url));
    } finally {
      nodes.stop();
    }
  });

  it('uses every node when none answers, rather than none', async () => {
    const nodes = livekitNodes(['ws://127.0.0.1:9', 'ws://127.0.0.1:10'], { probeIntervalMs: 50 });
    try {
      await new Promise((done) => setTimeout(done, 300));
      assert.deepEqual(new Set([nodes.pick(), nodes.pick()]), new Set(['ws://127.0.0.1:9', 'ws://127.0.0.1:10']));
    } finally {
      nodes.stop();
    }
  });

  it('lets pages connect to every node, by signalling and HTTP origin', () => {
    const csp = pageSecurityHeaders(['wss://lk1.example.nl', 'wss://lk2.example.nl:7443'])['content-security-policy'];
    assert.match(csp, /connect-src 'self' wss:\/\/lk1\.example\.nl https:\/\/lk1\.example\.nl wss:\/\/lk2\.example\.nl:7443 https:\/\/lk2\.example\.nl:7443;/);
  });
});
