import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { citizenEntersWaitingRoom, employeeSignsIn } from './support/journey.js';
import { useStack } from './support/use-stack.js';

/** Everything the browser refused on `page` because of its Content-Security-Policy. */
function cspViolations(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

describe('the server\'s pages under their strict policy (issue #7)', () => {
  const fixture = useStack();

  it('the console and the guest page work without inline script or style, and the browser refuses nothing', async () => {
    const contexts = await Promise.all([1, 2, 3].map(() => fixture.chromium.browser.newContext()));
    try {
      const [citizen, employee, interpreter] = await Promise.all(contexts.map((c) => c.newPage()));
      const refused = {
        citizen: cspViolations(citizen!),
        employee: cspViolations(employee!),
        interpreter: cspViolations(interpreter!),
      };
      await citizenEntersWaitingRoom(citizen!, fixture.stack);
      await employeeSignsIn(employee!, fixture.stack);
      assert.equal(new URL(employee!.url()).pathname, '/medewerker/', "the balie server's own page");
      await employee!.getByRole('button', { name: /Toelaten/ }).first().click();
      for (const page of [citizen!, employee!]) {
        await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > 0, 'remote camera');
      }
      await employee!.getByRole('button', { name: 'Tolk uitnodigen' }).click();
      await interpreter!.goto(await employee!.getByLabel(/Link voor de tolk/).inputValue());
      await interpreter!.getByRole('button', { name: 'Deelnemen' }).waitFor();

      assert.deepEqual(refused, { citizen: [], employee: [], interpreter: [] });
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
});
