import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const STOP_GRACE_MS = 3_000;

/** Workers not yet stopped; killed when the benchmark process exits for any reason. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * A benchmark helper in its own Node process (its own event loop and core), spoken to with one
 * JSON object per line: requests on its stdin, replies on its stdout. The server under load and
 * the load generators must not share an event loop, or the numbers measure their contention.
 */
export interface Worker {
  /** Sends `message` and resolves with the reply, or rejects after `timeoutMs`. */
  request<T>(message: Record<string, unknown>, timeoutMs: number): Promise<T>;
  readonly pid: number;
  /** The worker's first line (id 0), sent once it is ready. */
  hello: Record<string, unknown>;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` under bash with the open-files limit raised as far as the
 * hard limit allows: each held event stream is one socket on each side.
 */
export async function startWorker(script: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Worker> {
  const extra = nodeArgs.map((arg) => JSON.stringify(arg)).join(' ');
  const command = `ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec node --expose-gc ${extra} --import tsx ${JSON.stringify(script)}`;
  const child = spawn('bash', ['-c', command], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  running.add(child);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  exited.then(() => running.delete(child));
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let message: { id?: number; error?: string };
    try {
      message = JSON.parse(line);
    } catch {
      return void process.stderr.write(`[${script}] ${line}\n`);
    }
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error));
    else waiter.resolve(message);
  });
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`bench: ${script} exited`));
    pending.clear();
  });

  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    pending.set(0, { resolve: (value) => resolve(value as Record<string, unknown>), reject });
  });
  const worker: Worker = {
    pid: child.pid ?? -1,
    hello: {},
    request<T>(message: Record<string, unknown>, timeoutMs: number) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`bench: ${script} did not answer ${JSON.stringify(message.cmd)} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.stdin!.write(`${JSON.stringify({ ...message, id })}\n`);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
  const timer = setTimeout(() => pending.get(0)?.reject(new Error(`bench: ${script} did not start within 60 s`)), 60_000);
  try {
    worker.hello = await ready;
  } catch (error) {
    await worker.stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return worker;
}

/** The worker side: tells the parent it is ready, with `details`. */
export function sayReady(details: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ ...details, id: 0 })}\n`);
}

/**
 * The worker side: calls `handle` for each request line and writes its reply (or its error) with
 * the request's id. Exits when stdin closes, so a worker never outlives the benchmark.
 */
export function serveRequests(handle: (message: Record<string, any>) => Promise<Record<string, unknown>>, onEnd: () => Promise<void>): void {
  const send = (reply: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(reply)}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const message = JSON.parse(line) as Record<string, any>;
    handle(message).then(
      (reply) => send({ ...reply, id: message.id }),
      (error: Error) => send({ id: message.id, error: error.message || String(error) }),
    );
  });
  const end = () => void onEnd().finally(() => process.exit(0));
  process.stdin.once('end', end);
  process.once('SIGTERM', end);
}
