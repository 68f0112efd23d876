import { fileURLToPath } from 'node:url';
import { startStack } from './stack.js';

/**
 * `npm start`: livekit-server, the balie server and the Voorbeeldstad site, on fixed loopback
 * ports (override with BALIE_PORT and SITE_PORT) so the printed URLs stay the same between runs.
 * Data is kept in `.data/` so a restart keeps who is waiting.
 */
const stack = await startStack({
  livekitBin: process.env.LIVEKIT_SERVER_BIN ?? '',
  baliePort: Number(process.env.BALIE_PORT ?? 4100),
  sitePort: Number(process.env.SITE_PORT ?? 8080),
  dataDir: fileURLToPath(new URL('../.data/pglite', import.meta.url)),
  consoleAccessCode: process.env.BALIE_CONSOLE_CODE ?? 'demo-balie',
  logger: process.env.BALIE_LOG === '1',
});

console.log(`
Digitale Balie draait.

  Inwoner (Voorbeeldstad):  ${stack.siteUrl}/paspoort.html
  Medewerker:               ${stack.consoleUrl}   (toegangscode: ${stack.consoleAccessCode})
  livekit-server:           ${stack.livekit.url}

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
