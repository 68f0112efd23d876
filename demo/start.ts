import { fileURLToPath } from 'node:url';
import { startStack, voorbeeldstadConfig } from './stack.js';

/**
 * `npm start`: livekit-server, two municipalities — Gemeente Voorbeeldstad and Stad Kustrode, each
 * with its own balie server — and their site, on fixed loopback ports (override with BALIE_PORT,
 * KUSTRODE_PORT and SITE_PORT) so the printed URLs stay the same between runs. Data is kept in
 * `.data/` so a restart keeps who is waiting. BALIE_DEMO_CALDAV=1 keeps Voorbeeldstad's appointments
 * in CalDAV calendars on a Radicale (RADICALE_PORT, default 5232) instead of its own store.
 */
const caldav = process.env.BALIE_DEMO_CALDAV === '1';
const stack = await startStack({
  livekitBin: process.env.LIVEKIT_SERVER_BIN ?? '',
  baliePort: Number(process.env.BALIE_PORT ?? 4100),
  sitePort: Number(process.env.SITE_PORT ?? 8080),
  dataDir: fileURLToPath(new URL('../.data/pglite', import.meta.url)),
  consoleAccessCode: process.env.BALIE_CONSOLE_CODE ?? 'demo-balie',
  configFile: voorbeeldstadConfig,
  logger: process.env.BALIE_LOG === '1',
  // BALIE_DEMO_CALDAV=1: Voorbeeldstad's appointments go to Anna's and Piet's CalDAV calendars.
  ...(caldav
    ? { caldav: { port: Number(process.env.RADICALE_PORT ?? 5232), storage: fileURLToPath(new URL('../.data/radicale', import.meta.url)) } }
    : {}),
  kustrode: {
    baliePort: Number(process.env.KUSTRODE_PORT ?? 4101),
    dataDir: fileURLToPath(new URL('../.data/pglite-kustrode', import.meta.url)),
  },
});
const kustrode = stack.kustrode!;

console.log(`
Digitale Balie draait.

  Inwoner (Voorbeeldstad):  ${stack.siteUrl}/paspoort.html
  Medewerker:               ${stack.consoleUrl}   (toegangscode: ${stack.consoleAccessCode})
  Inwoner (Kustrode):       ${kustrode.pageUrl}
                            ${stack.siteUrl}/kustrode/fr/carte-identite.html   (Frans)
  Medewerker (Kustrode):    ${kustrode.consoleUrl}   (toegangscode: ${stack.consoleAccessCode})
  Medewerkers log in met "Inloggen met uw gemeente-account" (testaccounts: Fatima en Kees,
  medewerker; Bert, beheerder met cijfers) of met de toegangscode.
  Postvak (e-mail):         ${stack.mailboxUrl}
  Betaalsimulator (Mollie): ${stack.payments.apiEndpoint}   (iDEAL bij Voorbeeldstad, Bancontact bij Kustrode)
  livekit-server:           ${stack.livekit.url}
${stack.calendars ? `  Agenda's (CalDAV):        ${stack.calendars.paths.map((p) => new URL(p, stack.calendars!.radicale.url).href).join('  ')}
                            (gebruiker anna of piet, wachtwoord ${stack.calendars.radicale.password})
` : ''}
Stoppen: Ctrl+C
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stack.close().then(() => process.exit(0));
  });
}
