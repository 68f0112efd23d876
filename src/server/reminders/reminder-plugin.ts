import type { FastifyPluginAsync } from 'fastify';
import { sendDueReminders, type ReminderDeps } from './reminders.js';

/** Options of {@link reminders}. */
export interface ReminderOptions extends Omit<ReminderDeps, 'log'> {
  /** How often to look for reminders that are due. */
  intervalMs: number;
  now: () => number;
}

/**
 * Runs {@link sendDueReminders} every `intervalMs` from `ready` until `close`, one pass at a time,
 * the way the retention purge runs. A pass that fails (the database is away) is logged and the
 * next one picks up what it missed: due reminders stay due until their appointment begins.
 */
export const reminders: FastifyPluginAsync<ReminderOptions> = async (app, options) => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const deps: ReminderDeps = { ...options, log: app.log };

  async function passOnce(): Promise<void> {
    const counts = await sendDueReminders(deps, options.now());
    if (counts.mails + counts.texts + counts.failedTexts > 0) app.log.info({ counts }, 'balie-reminders: reminders sent');
  }

  app.addHook('onReady', async function startReminders() {
    timer = setInterval(() => {
      running ??= passOnce()
        .catch((error: unknown) => app.log.error({ err: error }, 'balie-reminders: pass failed'))
        .finally(() => {
          running = undefined;
        });
    }, options.intervalMs);
    timer.unref();
  });

  app.addHook('onClose', async function stopReminders() {
    clearInterval(timer);
    await running;
  });
};
