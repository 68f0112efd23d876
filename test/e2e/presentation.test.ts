import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../demo/stack.js';
import { newCitizen } from './support/booking-journey.js';
import { pollUntil, probeRemoteMedia } from './support/call-probe.js';
import { employeeSignsIn } from './support/journey.js';
import { clippedText, controlLooks, focusRingsByTab, overrideStyles, reachableControls, setTextSize, textSizeIn, textSpacingCss } from './support/presentation.js';
import { useStack } from './support/use-stack.js';

/**
 * Appointments around the clock and "Nu videobellen" always open, both with DigiD (see
 * console.test.ts): every stage of both journeys is reachable whatever hour the test runs.
 */
const configFile = fileURLToPath(new URL('../fixtures/config-console.json', import.meta.url));
const WAIT = { timeout: 60_000 };

type Check = (stage: string, page: Page) => Promise<void>;

/** After the DigiD button: the simulator (or single sign-on straight back). */
async function throughDigid(page: Page, after: string): Promise<void> {
  const simulator = page.getByRole('heading', { name: 'DigiD (simulator)' });
  const back = page.getByRole('heading', { name: after });
  await simulator.or(back).waitFor(WAIT);
  if (await simulator.isVisible()) await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await back.waitFor(WAIT);
}

/**
 * One citizen through every stage of booking and of the walk-in journey into the call and out,
 * with `check` at each stage; the employee admits from the console (checked as `console queue`).
 */
async function throughEveryStage(page: Page, stack: Stack, browser: Browser, check: Check): Promise<void> {
  const citizen = newCitizen('presentation');
  await page.goto(`${stack.siteUrl}/paspoort.html`);
  await page.getByRole('button', { name: 'Videobellen' }).waitFor();
  await check('launcher', page);
  await page.getByRole('button', { name: 'Videobellen' }).click();
  await page.getByRole('heading', { name: 'Hoe wilt u met ons praten?' }).waitFor();
  await check('mode choice', page);
  await page.getByRole('button', { name: /^Afspraak maken/ }).click();
  await page.getByRole('button', { name: /^\d\d:\d\d$/ }).first().waitFor();
  await check('slot picker', page);
  await page.getByRole('button', { name: /^\d\d:\d\d$/ }).first().click();
  await page.getByRole('heading', { name: 'Uw gegevens', exact: true }).waitFor();
  await check('details', page);
  await page.getByRole('button', { name: 'Verder naar inloggen' }).click();
  await page.getByText('Vul uw naam in.').first().waitFor();
  await check('details with errors', page);
  await page.getByLabel('Uw naam').fill(citizen.name);
  await page.getByLabel('Uw e-mailadres').fill(citizen.email);
  await page.getByRole('checkbox', { name: 'Ik ga akkoord' }).check();
  await page.getByRole('button', { name: 'Verder naar inloggen' }).click();
  await page.getByRole('heading', { name: 'Laat zien wie u bent' }).waitFor();
  await check('identity choice', page);
  await page.getByRole('button', { name: 'Inloggen met DigiD' }).click();
  await throughDigid(page, 'Uw afspraak staat vast');
  await check('confirmation', page);

  // The walk-in journey, the same citizen, now.
  await page.goto(`${stack.siteUrl}/paspoort.html`);
  await page.getByRole('button', { name: 'Videobellen' }).click();
  await page.getByRole('button', { name: 'Nu videobellen' }).click();
  await page.getByRole('button', { name: 'Inloggen met DigiD' }).click();
  await throughDigid(page, 'Controleer uw camera en microfoon');
  await page.getByRole('button', { name: 'Naar de wachtkamer' }).waitFor();
  await check('camera check', page);
  await page.getByRole('button', { name: 'Naar de wachtkamer' }).click();
  await page.getByText('U bent de volgende').waitFor(WAIT);
  await check('waiting room', page);

  const employeeContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const employee = await employeeContext.newPage();
    await employeeSignsIn(employee, stack);
    await employee.getByRole('button', { name: /^Toelaten/ }).waitFor(WAIT);
    await check('console queue', employee);
    await employee.getByRole('button', { name: /^Toelaten/ }).click();
    await pollUntil(() => probeRemoteMedia(page), (p) => p.framesDecoded > 0, 'the call on the citizen side');
    await check('call', page);
    await page.getByRole('button', { name: 'Ophangen' }).click();
    await page.getByRole('heading', { name: 'Het gesprek is beëindigd' }).waitFor(WAIT);
    await check('feedback', page);
    await page.getByRole('group', { name: 'Hoe was het gesprek?' }).getByText('Goed', { exact: true }).click();
    await page.getByRole('button', { name: 'Versturen' }).click();
    await page.getByText('Bedankt voor uw mening.').waitFor(WAIT);
    await check('feedback sent', page);
  } finally {
    await employeeContext.close();
  }
}

/** Every control inside `host` shows a focus ring that forced colours keep (an outline in a system colour). */
async function assertFocusRings(page: Page, host: string, stage: string): Promise<void> {
  const rings = await focusRingsByTab(page, host);
  assert.ok(rings.length > 0, `${stage}: Tab never reached a control`);
  for (const ring of rings) {
    const visible = ring.outlineStyle !== 'none' && ring.outlineWidth >= 1 && ring.outlineAlpha > 0 && ring.outlineColor !== ring.canvas;
    assert.ok(visible, `${stage}: "${ring.name}" (${ring.tag}) has no visible focus ring in forced colours: ${JSON.stringify(ring)}`);
  }
}

/** What forced colours leave of a look: not colour, but lines, weight, shape, text. */
const nonColour = (l: { text: string; border: string; textDecoration: string; fontWeight: string; outline: string }) =>
  JSON.stringify([l.text, l.border.replace(/rgba?\([^)]*\)/g, ''), l.textDecoration, l.fontWeight, l.outline]);

describe('the widget and console as people with other display settings see them (issue #18)', () => {
  const fixture = useStack({ configFile });

  it('keeps controls, focus rings and states visible in forced colours, and loses nothing with WCAG text spacing or at 200 % text, at every stage and in the call', async () => {
    const { stack, chromium } = fixture;
    const context = await chromium.browser.newContext({ viewport: { width: 320, height: 640 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const checked: string[] = [];
    try {
      await throughEveryStage(page, stack, chromium.browser, async (stage, on) => {
        // Windows high contrast: forced colours, as Chromium renders them.
        await on.emulateMedia({ forcedColors: 'active' });
        assert.equal(await on.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
        const host = stage.startsWith('console') ? 'balie-medewerker' : 'digitale-balie';
        await assertFocusRings(on, host, stage);

        if (stage === 'slot picker') {
          // The first day: "Vorige dag" is disabled, and looks it (forced colours draw it in GrayText).
          const [previous, next] = await controlLooks(on, host, /^(Vorige dag|Volgende dag)$/);
          assert.equal(previous?.name, 'Vorige dag');
          assert.equal(previous.color, previous.grayText, `the disabled "Vorige dag" is not drawn as disabled: ${JSON.stringify({ previous, next })}`);
          assert.notEqual(next?.color, next?.grayText, `"Volgende dag" looks disabled: ${JSON.stringify(next)}`);
          // The time one is on (arrow keys move it) is the one with the ring; the one left has none.
          const times = on.getByRole('button', { name: /^\d\d:\d\d$/ });
          await times.first().focus();
          await on.keyboard.press('ArrowRight');
          const rings = await Promise.all([0, 1].map((i) => times.nth(i).evaluate((el) => getComputedStyle(el).outlineStyle)));
          assert.deepEqual(rings, ['none', 'solid'], 'the focus ring did not move with the arrow key to the next time');
        }
        if (stage === 'call') {
          // Microphone and camera off: the button says so in words, not only in colour, and stays a visible button.
          for (const [on_, off_] of [['Microfoon uitzetten', 'Microfoon aanzetten'], ['Camera uitzetten', 'Camera aanzetten']]) {
            const [before] = await controlLooks(on, host, new RegExp(`^${on_}$`));
            await on.getByRole('button', { name: on_ }).click();
            await on.getByRole('button', { name: off_ }).waitFor();
            const [after] = await controlLooks(on, host, new RegExp(`^${off_}$`));
            assert.ok(before && after && nonColour(before) !== nonColour(after), `${on_}: no change but colour: ${JSON.stringify({ before, after })}`);
            assert.match(after.border, /^[1-9]/, `${off_} has no visible edge in forced colours: ${after.border}`);
            await on.getByRole('button', { name: off_ }).click();
            await on.getByRole('button', { name: on_ }).waitFor();
          }
        }
        if (stage === 'console queue') {
          // The view one is on is pressed, and shows it by more than colour.
          const looks = await controlLooks(on, host, /^(Wachtrij|Agenda)$/);
          const pressed = looks.find((l) => l.name === 'Wachtrij');
          const other = looks.find((l) => l.name === 'Agenda');
          assert.ok(pressed && other && nonColour(pressed).replace('Wachtrij', '') !== nonColour(other).replace('Agenda', ''), `the pressed view button differs only in colour: ${JSON.stringify(looks)}`);
        }
        await on.emulateMedia({ forcedColors: 'none' });

        // WCAG's text spacing (1.4.12), at 320 px for the citizen: nothing cut off, nothing spilling over.
        const roots = await overrideStyles(on, textSpacingCss);
        assert.ok(roots >= 2, `${stage}: the text spacing reached ${roots} roots, not the widget`);
        const clipped = await clippedText(on, host);
        await overrideStyles(on, null);
        assert.deepEqual(clipped, [], `${stage}: text spacing cuts off text`);

        // Text at 200 % (1.4.4), as the browser's font size setting does it, in a window of 640 px for
        // the citizen: the text really grows, every control is still there, reachable and uncovered,
        // and nothing is cut off.
        const viewport = on.viewportSize()!;
        if (!stage.startsWith('console')) await on.setViewportSize({ width: 640, height: 800 });
        const before = await reachableControls(on, host);
        const normal = await textSizeIn(on, host);
        await setTextSize(on, 200);
        const large = await textSizeIn(on, host);
        const after = await reachableControls(on, host);
        const cut = await clippedText(on, host);
        await setTextSize(on, 100);
        await on.setViewportSize(viewport);
        assert.ok(large >= normal * 1.9, `${stage}: the text did not grow (${normal} px → ${large} px)`);
        assert.deepEqual(after.problems, [], `${stage}: at 200 % text`);
        assert.deepEqual(before.names.filter((n) => !after.names.includes(n)), [], `${stage}: controls gone at 200 % text`);
        assert.deepEqual(cut, [], `${stage}: text cut off at 200 %`);
        checked.push(stage);
      });
      assert.equal(checked.length, 13, `stages checked: ${checked.join(', ')}`);
    } finally {
      await context.close();
    }
  });
});
