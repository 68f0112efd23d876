import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { citizenEntersWaitingRoom, employeeSignsIn } from './support/journey.js';
import { announcements, countAnnounced, recordAnnouncements, watchAccessibilityTree, type Announcement, type TreeChange } from './support/live-regions.js';
import { useStack } from './support/use-stack.js';

const lines = (records: Array<Announcement | TreeChange>) =>
  records.map((r) => `${String(r.at % 100_000).padStart(5)} ${'kind' in r ? `${r.kind} · ${r.region}: ${r.text}` : `tree · ${r.region}: ${r.said}`}`).join('\n');

/**
 * Nothing is said twice: no text comes into a live region again, whether the region was re-rendered
 * with the same text, or removed and inserted again (which some screen readers read out as well).
 */
function assertSaidOnce(said: string[], what: string, all: string): void {
  const seen = new Set<string>();
  for (const text of said) {
    assert.ok(!seen.has(text), `${what}: "${text}" is announced more than once\n\n${all}`);
    seen.add(text);
  }
}

/** Waits a moment of real time in which nothing should be announced (the queue's and call's own ticks run on). */
async function quietFor(page: Page, ms: number): Promise<void> {
  await page.waitForTimeout(ms);
}

describe('live regions announce each change once (issue #18, WCAG 4.1.3)', () => {
  const fixture = useStack();

  it('announces the place in line, being admitted, each chat message and the end of the call once', async () => {
    const { stack, chromium } = fixture;
    const contexts = await Promise.all([0, 1, 2].map(() => chromium.browser.newContext()));
    const [ahead, citizen, employee] = await Promise.all(contexts.map((c) => c.newPage()));
    await recordAnnouncements(citizen!);
    await recordAnnouncements(employee!);
    const tree = await watchAccessibilityTree(citizen!);
    try {
      // Someone is ahead in the line; the citizen is number 2.
      await citizenEntersWaitingRoom(ahead!, stack);
      await ahead!.getByText('U bent de volgende').waitFor();
      await citizenEntersWaitingRoom(citizen!, stack);
      await citizen!.getByText('U bent nummer 2 in de rij.').waitFor();
      await quietFor(citizen!, 3000);

      // The one ahead leaves: the citizen moves up.
      await ahead!.getByRole('button', { name: 'Wachtkamer verlaten' }).click();
      await citizen!.getByText('U bent de volgende').waitFor();
      await quietFor(citizen!, 3000);

      // Admitted, into the call.
      await employeeSignsIn(employee!, stack);
      await employee!.getByRole('button', { name: /Toelaten/ }).click();
      await pollUntil(() => probeRemoteMedia(citizen!), (p) => p.framesDecoded > 0, 'the call on the citizen side');
      await pollUntil(() => probeRemoteMedia(employee!), (p) => p.framesDecoded > 0, 'the call on the employee side');

      // Chat both ways, with time in between for the call's own updates (speaking, statistics).
      const messages = [
        ['employee', 'Goedemiddag, waarmee kan ik u helpen?'],
        ['citizen', 'Ik wil een paspoort aanvragen.'],
        ['employee', 'Dat kan. Heeft u een pasfoto?'],
      ] as const;
      for (const [from, text] of messages) {
        const [sender, receiver] = from === 'employee' ? [employee!, citizen!] : [citizen!, employee!];
        await sender.getByLabel('Uw bericht').fill(text);
        await sender.getByRole('button', { name: 'Versturen' }).click();
        await receiver.getByRole('log').getByText(text).waitFor();
        await quietFor(receiver, 1500);
      }
      await quietFor(citizen!, 2000);

      // The employee ends the call.
      await employee!.getByRole('button', { name: 'Ophangen' }).click();
      await citizen!.getByRole('heading', { name: 'Het gesprek is beëindigd' }).waitFor();
      await quietFor(citizen!, 1500);
      await tree.stop();

      const heard = await announcements(citizen!);
      const told = await announcements(employee!);
      const all = `citizen, DOM:\n${lines(heard)}\n\ncitizen, accessibility tree:\n${lines(tree.changes)}\n\nemployee, DOM:\n${lines(told)}`;
      // Each change is announced (a region that was there changed, and the tree shows it), once.
      // Being admitted too: the waiting room gives way to the call at once, so it is said by the
      // widget's own region, which stays across the switch long enough for the tree to show it.
      const admitted = 'Een medewerker laat u binnen';
      const expected = ['U bent nummer 2 in de rij.', 'U bent de volgende', admitted, 'Het gesprek wordt verbonden…', ...messages.filter(([from]) => from === 'employee').map(([, text]) => text)];
      for (const text of expected) {
        assert.equal(countAnnounced(heard, text), 1, `citizen (DOM): "${text}" announced ${countAnnounced(heard, text)} times\n\n${all}`);
      }
      for (const text of expected) {
        const inTree = tree.changes.filter((c) => c.said.includes(text)).length;
        assert.equal(inTree, 1, `citizen (accessibility tree): "${text}" came into a live region ${inTree} times\n\n${all}`);
      }
      // Said by the element that stays, and not by the waiting room that goes.
      const saidAdmitted = heard.find((r) => r.kind !== 'appeared' && r.text.includes(admitted));
      assert.equal(saidAdmitted?.region, 'status in digitale-balie', `being admitted is said by <digitale-balie>'s own region\n\n${all}`);
      // The end of the call: its heading takes the focus and is read out, once.
      assert.equal(countAnnounced(heard.filter((r) => r.kind === 'focus'), 'Het gesprek is beëindigd'), 1, `the end of the call\n\n${all}`);
      assertSaidOnce(heard.filter((r) => r.kind !== 'focus').map((r) => r.text), 'citizen (DOM)', all);
      assertSaidOnce(tree.changes.map((c) => c.said), 'citizen (accessibility tree)', all);
      // The employee hears the citizen's message once, and nothing twice.
      assert.equal(countAnnounced(told, messages[1][1]), 1, `employee (DOM): the citizen's message\n\n${all}`);
      assertSaidOnce(told.filter((r) => r.kind !== 'focus').map((r) => r.text), 'employee (DOM)', all);
    } finally {
      await tree.stop();
      await Promise.all(contexts.map((c) => c.close()));
    }
  });
});
