// @ts-expect-error -- plain ESM script without type declarations
import { findChromium, findLivekitServer } from '../../../scripts/provision.mjs';

/** livekit-server as `npm test` provisioned it, or found/built now when a test runs on its own. */
export async function livekitBin(): Promise<string> {
  return process.env.LIVEKIT_SERVER_BIN ?? (await findLivekitServer());
}

/** Chromium likewise; sets CHROME_PATH so the browser helper picks it up. */
export async function chromiumPath(): Promise<string> {
  const path: string = process.env.CHROME_PATH ?? (await findChromium());
  process.env.CHROME_PATH = path;
  return path;
}
