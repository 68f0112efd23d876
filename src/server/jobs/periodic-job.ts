import type { FastifyInstance } from 'fastify';

/** Options of {@link periodicJob}. */
export interface PeriodicJobOptions {
  /** The plugin's name, which prefixes its log lines: `balie-sweep`. */
  plugin: string;
  /** What one run is called in the log: `sweep` gives "balie-sweep: sweep failed". */
  run: string;
  /** Time between the start of one run and the next; the first run comes one interval after ready. */
  intervalMs: number;
  /** One run. A failure is logged and the next run comes an interval later. */
  work: () => Promise<void>;
}

/**
 * Runs `work` every `intervalMs` while `app` is up: from `onReady` (not at registration, so a test
 * that builds an app without starting it sees no runs) until `onClose`, which waits for a run in
 * progress. One run at a time: a tick that finds the previous run still going is skipped, so a
 * slow database does not pile runs up. The timer is unref'd: it never keeps the process alive.
 */
export function periodicJob(app: FastifyInstance, options: PeriodicJobOptions): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  function tick(): void {
    running ??= options
      .work()
      .catch((error: unknown) =>
        app.log.error({ err: error }, `${options.plugin}: ${options.run} failed`),
      )
      .finally(() => {
        running = undefined;
      });
  }

  app.addHook('onReady', async function startPeriodicJob() {
    timer = setInterval(tick, options.intervalMs);
    timer.unref();
  });

  app.addHook('onClose', async function stopPeriodicJob() {
    clearInterval(timer);
    await running;
  });
}
