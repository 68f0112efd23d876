#!/usr/bin/env node
// `npm start`: provision livekit-server (cached after the first build), build the widget, and run
// the demo. The demo itself is TypeScript, run through tsx.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findLivekitServer } from './provision.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const livekitBin = await findLivekitServer();

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('start: the build failed; see above.');
  process.exit(1);
}

const demo = spawn(process.execPath, ['--import', 'tsx', 'demo/start.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LIVEKIT_SERVER_BIN: livekitBin },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => demo.kill(signal));
demo.on('exit', (code) => process.exit(code ?? 0));
