#!/usr/bin/env node
/**
 * The second half of `npm run build` (after Rollup has built the widget into dist/):
 * - compiles the balie server and the protocol it shares with the browser to dist/server/ and
 *   dist/protocol/, so production runs `node dist/server/main.js` with production dependencies only;
 * - copies the SQL migrations beside the compiled store, where `migrate.ts` looks for them;
 * - prints the `integrity` (SRI) value of the widget's entry for the script tag a municipality pins.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.server.json'], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error('build-server: tsc failed; see above.');
  process.exit(1);
}
cpSync(join(root, 'src/server/store/migrations'), join(root, 'dist/server/store/migrations'), { recursive: true });

const entry = readFileSync(join(root, 'dist/digitale-balie.js'));
const integrity = `sha384-${createHash('sha384').update(entry).digest('base64')}`;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The balie server reads this to answer the versioned path; the README's snippet shows the value.
writeFileSync(join(root, 'dist/integrity.json'), JSON.stringify({ version, 'digitale-balie.js': integrity }, null, 2) + '\n');
console.log(`build: server in dist/server/; widget entry /widget/${version}/digitale-balie.js integrity="${integrity}"`);
