import type { ChildProcess } from 'node:child_process';

/** Ends a helper server the tests started (clamd, Radicale): SIGTERM, SIGKILL after 5 s; nothing if it already ended. */
export async function stopProcess(running: ChildProcess | undefined): Promise<void> {
  if (!running || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGTERM');
  const timer = setTimeout(() => running.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
