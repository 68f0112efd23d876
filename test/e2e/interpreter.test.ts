import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { startCall } from './support/journey.js';
import { useStack } from './support/use-stack.js';

describe('an interpreter joins with a one-time link', () => {
  const fixture = useStack();

  it('joins the same call after the employee admits them; the link works once', async () => {
    const call = await startCall(fixture.chromium.browser, fixture.stack);
    const interpreterContext = await fixture.chromium.browser.newContext();
    const latecomerContext = await fixture.chromium.browser.newContext();
    try {
      const { citizen, employee } = call;
      await employee.getByRole('button', { name: 'Tolk uitnodigen' }).click();
      const link = await employee.getByLabel(/Link voor de tolk/).inputValue();
      assert.match(link, /\/gast\/#balie-gast=/);

      const interpreter = await interpreterContext.newPage();
      await interpreter.goto(link);
      await interpreter.getByRole('button', { name: 'Deelnemen' }).waitFor();
      assert.ok(!interpreter.url().includes('balie-gast='), `the code stayed in the address bar: ${interpreter.url()}`);
      await interpreter.getByRole('button', { name: 'Deelnemen' }).click();
      await interpreter.getByText('De medewerker laat u zo toe').waitFor();

      // Nobody gets in before the employee says so.
      await employee.getByText('Er wacht een tolk.').waitFor();
      assert.deepEqual((await probeRemoteMedia(citizen)).sources.filter((s) => s === 'camera').length, 1);
      await employee.getByRole('button', { name: 'Tolk toelaten' }).click();

      // The interpreter sees and hears both; both see the interpreter, labelled as such.
      await pollUntil(
        () => probeRemoteMedia(interpreter),
        (p) => p.sources.filter((s) => s === 'camera').length === 2 && p.framesDecoded > 0 && p.audioBytes > 0,
        'interpreter receives citizen and employee',
      );
      for (const page of [citizen, employee]) {
        await pollUntil(() => probeRemoteMedia(page), (p) => p.sources.filter((s) => s === 'camera').length === 2, 'second remote camera');
        await page.locator('balie-call figcaption', { hasText: 'Tolk' }).first().waitFor();
      }

      // The same link a second time: refused, in words the guest can act on.
      const latecomer = await latecomerContext.newPage();
      await latecomer.goto(link);
      await latecomer.getByRole('button', { name: 'Deelnemen' }).click();
      await latecomer.getByText('Deze link is al gebruikt').waitFor();
    } finally {
      await interpreterContext.close();
      await latecomerContext.close();
      await call.close();
    }
  });
});
