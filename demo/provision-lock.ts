import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TEN_MINUTES = 10 * 60_000;

/**
 * Runs `find` (a provision.mjs finder, which may apt-get a Debian package as root) while holding a
 * lock folder named after `program`: test files run in parallel, and apt-get runs one at a time.
 * A lock older than ten minutes was left by a run that died holding it and is taken over.
 */
export async function provisionOnce(program: string, find: () => Promise<string>): Promise<string> {
  const lock = join(tmpdir(), `digitale-balie-provision-${program}.lock`);
  const deadline = Date.now() + TEN_MINUTES;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > TEN_MINUTES) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${program}: waited 10 minutes for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await find();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
