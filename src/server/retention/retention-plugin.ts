import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../store/index.js';
import { purgeExpiredData } from './purge.js';
import type { RetentionPeriods } from './retention-rules.js';

/** Options of {@link retention}. */
export interface RetentionOptions {
  db: Db;
  periods: RetentionPeriods;
  /** How often the purge runs. */
  intervalMs: number;
}

/**
 * Runs {@link purgeExpiredData} every `intervalMs` from `ready` until `close`, one run at a time,
 * and logs the counts (numbers only). The first run comes one interval after start, so a server
 * that restarts in a loop does not purge in a loop.
 */
export const retention: FastifyPluginAsync<RetentionOptions> = async (app, options) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function purgeOnce(): Promise<void> {
    const counts = await purgeExpiredData(options.db, options.periods);
    app.log.info({ counts }, 'balie-retention: purged personal data past its period');
  }

  app.addHook('onReady', async function startRetention() {
    timer = setInterval(() => {
      running ??= purgeOnce()
        .catch((error: unknown) => app.log.error({ err: error }, 'balie-retention: purge failed'))
        .finally(() => {
          running = undefined;
        });
    }, options.intervalMs);
    timer.unref();
  });

  app.addHook('onClose', async function stopRetention() {
    clearInterval(timer);
    await running;
  });
};
