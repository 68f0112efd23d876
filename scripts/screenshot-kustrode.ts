/**
 * Makes docs/screenshot-kustrode.png for the README: the same widget on two municipalities' pages,
 * Voorbeeldstad and Stad Kustrode, each in its own house style, side by side. Needs `npm start`
 * running; `node --import tsx scripts/screenshot-kustrode.ts [site URL]` (default
 * http://localhost:8080).
 */
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/e2e/support/browser.js';
import { chromiumPath } from '../test/e2e/support/provisioned.js';

const site = process.argv[2] ?? 'http://localhost:8080';
const pages = [
  { url: `${site}/paspoort.html`, button: 'Videobellen' },
  { url: `${site}/kustrode/identiteitskaart.html`, button: 'Start een videogesprek' },
];

await chromiumPath();
const chromium = await launchChromium();
try {
  const context = await chromium.browser.newContext({ viewport: { width: 640, height: 620 } });
  const shots: string[] = [];
  for (const { url, button } of pages) {
    const page = await context.newPage();
    const errors: string[] = [];
    // The demo site has no favicon; every other failure counts.
    page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(`${m.text()} (${m.location().url})`));
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(url);
    // The launcher's button, by its (configured) name: the widget is rendered with its config.
    await page.getByRole('button', { name: button }).waitFor({ timeout: 15_000 });
    if (errors.length > 0) throw new Error(`screenshot: ${url} logged errors: ${errors.join('; ')}`);
    shots.push((await page.screenshot()).toString('base64'));
  }
  const sheet = await context.newPage();
  await sheet.setViewportSize({ width: 1290, height: 620 });
  await sheet.setContent(
    `<body style="margin:0;display:flex;gap:10px;background:#888">${shots.map((s) => `<img src="data:image/png;base64,${s}" width="640" height="620">`).join('')}</body>`,
  );
  await sheet.screenshot({ path: fileURLToPath(new URL('../docs/screenshot-kustrode.png', import.meta.url)) });
} finally {
  await chromium.close();
}
