import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
// @ts-expect-error -- plain ESM script without type declarations
import { startLivekitCluster } from '../../scripts/livekit.mjs';
import { startStack, type LivekitProcess, type Stack } from '../../demo/stack.js';
import { needsRedis, TEST_REDIS_URL } from '../server/helpers.js';
import { launchChromium, type TestBrowser } from './support/browser.js';
import { findDeepSource, pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { startCall, type CallPair } from './support/journey.js';
import { chromiumPath, livekitBin } from './support/provisioned.js';

interface Cluster {
  nodes: LivekitProcess[];
  urls: string[];
  nodeIds: string[];
  stop(): Promise<void>;
}

/** Where a page's call is: the node it connected through, and the node its room lives on. */
interface Placement {
  /** The signalling URL livekit-client connected to (its engine's own record of it). */
  url: string;
  /** `serverInfo.nodeId` of the latest join: the node that hosts the room and takes the media. */
  nodeId: string;
}

const placementOf = (page: Page) =>
  page.evaluate(`(() => {
    ${findDeepSource}
    const call = findDeep(document, 'balie-call');
    // The engine's latest join answer: Room.serverInfo keeps the first join's after a full reconnect.
    const joined = call.room.engine.latestJoinResponse;
    return { url: call.room.engine.url, nodeId: (joined && joined.serverInfo || call.room.serverInfo).nodeId };
  })()`) as Promise<Placement>;

/** What both sides read while their call is away. */
const lostText = /De verbinding (met het gesprek )?is even weg/;

/** Each side sees the other's camera: frames decoded keep growing. */
async function framesGrow(pages: Page[], what: string, timeoutMs: number): Promise<void> {
  for (const page of pages) {
    const start = await probeRemoteMedia(page);
    await pollUntil(
      () => probeRemoteMedia(page),
      (p) => p.videoWidth > 0 && p.framesDecoded > start.framesDecoded + 10,
      what,
      timeoutMs,
    );
  }
}

const noRedis = await needsRedis();

describe('LiveKit on two nodes over Redis', { skip: noRedis }, () => {
  let cluster: Cluster;
  let stack: Stack;
  let chromium: TestBrowser;
  let call: CallPair | undefined;
  let placed: Placement[] = [];

  before(async () => {
    await chromiumPath();
    const bin = await livekitBin();
    cluster = (await startLivekitCluster({ bin, count: 2, redisUrl: TEST_REDIS_URL })) as Cluster;
    // LIVEKIT_URL lists both nodes, as for nodes without a load balancer in front.
    stack = await startStack({ livekitBin: bin, livekitNodes: cluster.nodes });
    chromium = await launchChromium();
  });

  after(async () => {
    await call?.close();
    await chromium?.close();
    await stack?.close();
    await cluster?.stop();
  });

  it('puts the citizen and the employee, each through another node, in one room where both see the other', async () => {
    call = await startCall(chromium.browser, stack);
    const { citizen, employee } = call;
    placed = await Promise.all([placementOf(citizen), placementOf(employee)]);
    const [c, e] = placed;
    assert.notEqual(c.url, e.url, 'the balie server sent the two to different nodes');
    assert.deepEqual([c.url, e.url].sort(), [...cluster.urls].sort());
    assert.equal(c.nodeId, e.nodeId, 'LiveKit placed the room on one node');
    assert.ok(cluster.nodeIds.includes(c.nodeId), `${c.nodeId} is one of ${cluster.nodeIds.join(', ')}`);
    await framesGrow([citizen, employee], 'remote camera frames across the nodes', 20_000);
  });

  it("brings both back into the call when the room's node dies during it, the other node taking the room", async () => {
    assert.ok(call, 'needs the call of the test before');
    const { citizen, employee } = call;
    const roomNode = cluster.nodeIds.indexOf(placed[0].nodeId);
    const survivor = cluster.nodeIds[1 - roomNode];
    const started = Date.now();
    const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
    // Where the seconds go: what livekit-client and the widget say in the console, with the time since the kill.
    const says = (side: string) => (message: { text(): string }) => {
      const text = message.text();
      if (/disconnect|reconnect|resum|giving up|gave up|could not|signal|failed|\[balie/i.test(text)) console.log(`# ${seconds()} s ${side}: ${text.slice(0, 160)}`);
    };
    const onCitizen = says('citizen');
    const onEmployee = says('employee');
    citizen.on('console', onCitizen);
    employee.on('console', onEmployee);
    // Killed, not drained: connections just drop, as when the machine under it goes away. It is
    // started again only after both sides are back, so they cannot have come back through it.
    await cluster.nodes[roomNode].restart({
      how: 'crash',
      whileDown: async () => {
        await citizen.getByText(lostText).first().waitFor({ timeout: 30_000 });
        console.log(`# ${seconds()} s: the citizen reads that the connection is away`);
        await Promise.all(
          [citizen, employee].map(async (page, i) => {
            await framesGrow([page], 'remote camera frames after the node died', 90_000);
            console.log(`# ${seconds()} s: the ${i ? 'employee' : 'citizen'} sees the other's camera again`);
          }),
        );
        for (const page of [citizen, employee]) {
          await page.getByText(lostText).first().waitFor({ state: 'detached', timeout: 20_000 });
          assert.equal((await placementOf(page)).nodeId, survivor, 'the room now lives on the other node');
        }
        console.log(`# both sides back in the call ${seconds()} s after the node died`);
      },
    });
    citizen.off('console', onCitizen);
    employee.off('console', onEmployee);
    // Still the same call: the employee's console is in it, the citizen's ticket was not ended.
    await employee.getByRole('heading', { name: 'In gesprek' }).waitFor();
    assert.equal(await citizen.getByRole('button', { name: 'Ophangen' }).count(), 1);
  });
});
