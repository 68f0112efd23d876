import type { FastifyPluginAsync } from 'fastify';
import { periodicJob } from '../jobs/periodic-job.js';
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
  const deps: ReminderDeps = { ...options, log: app.log };

  async function passOnce(): Promise<void> {
    const counts = await sendDueReminders(deps, options.now());
    if (counts.mails + counts.texts + counts.failedTexts > 0) app.log.info({ counts }, 'balie-reminders: reminders sent');
  }

  periodicJob(app, { plugin: 'balie-reminders', run: 'pass', intervalMs: options.intervalMs, work: passOnce });
};
