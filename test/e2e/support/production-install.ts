import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/**
 * What `npm ci --omit=dev` leaves on a server, made without the network: package.json, dist/ and
 * a node_modules holding only the production dependency tree, copied from this checkout's
 * install (npm's own `npm ls --omit=dev` decides which packages that is). A server that imports a
 * dev dependency (tsx, oidc-provider, playwright) fails to start here, as it would in production.
 */
export function productionInstall(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'balie-production-'));
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  for (const path of listed.split('\n').filter(Boolean)) {
    const inside = relative(ROOT, path);
    // Top-level packages only: a recursive copy brings their own nested node_modules along.
    if (!/^node_modules\/(@[^/]+\/)?[^/]+$/.test(inside)) continue;
    cpSync(path, join(dir, inside), { recursive: true });
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Built servers not yet stopped: killed when the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface BuiltServer {
  child: ChildProcess;
  output: () => string;
  /**
   * Resolves once `<url>/readyz` answers 200; rejects with the server's output as soon as it
   * exits (a setting missing, say) or after `timeoutMs`.
   */
  ready(url: string, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** `node dist/server/main.js` in `dir` with `env` alone (not this process's environment). */
export function startBuiltServer(dir: string, env: Record<string, string>): BuiltServer {
  let output = '';
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    ready: async (url, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) {
        if ((await fetch(`${url}/readyz`).then((r) => r.status, () => 0)) === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const why = child.exitCode !== null || child.signalCode !== null ? 'exited' : `was not ready within ${timeoutMs} ms`;
      throw new Error(`the built server ${why}; its output:\n${output.slice(-3000)}`);
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
