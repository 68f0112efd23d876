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

/** `node dist/server/main.js` in `dir` with `env` alone (not this process's environment). */
export function startBuiltServer(dir: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}
