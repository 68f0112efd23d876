// Builds what a web team pastes and what an employee opens:
// - dist/digitale-balie.js: the launcher only (Lit + the element); booking stages and the call are
//   separate chunks under dist/chunks/, fetched with import() when the citizen gets that far.
// - dist/balie-medewerker.js and dist/balie-gast.js: the employee console and the interpreter's
//   page, with the call, as their own build (shared chunks under dist/console/).
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { rmSync } from 'node:fs';

/**
 * Empties dist/ when a build starts. Chunk names carry content hashes: without a clean start, old
 * chunks pile up and get served and measured by mistake. A plugin, not a top-level call, so that
 * importing this config (the benchmarks reuse its plugins) deletes nothing.
 */
const cleanDist = () => ({
  name: 'clean-dist',
  buildStart: () => rmSync('dist', { recursive: true, force: true }),
});

/** The plugins every build uses; exported so benchmarks build their baselines the same way. */
export const plugins = () => [
  nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'module', 'import', 'default'] }),
  // components-core depends on loglevel, which ships CommonJS only.
  commonjs(),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', minify: false }),
  terser({ module: true, ecma: 2021, compress: { passes: 2 }, format: { comments: false } }),
];

/**
 * A widget chunk's name: a folder's `index.ts` (the journey's lazy plugins) is named after its
 * folder — `stages`, `booking` — not "index", so the network panel and the benchmark can tell them apart.
 * @param {import('rollup').PreRenderedChunk} chunk
 */
function chunkName(chunk) {
  if (chunk.name !== 'index') return chunk.name;
  // A dynamic entry that is no facade (see preserveEntrySignatures) has no facadeModuleId; its
  // index.ts is among its modules.
  const index = chunk.moduleIds.map((id) => id.replace(/\\/g, '/')).filter((id) => id.endsWith('/index.ts'));
  const folder = index.length === 1 ? /\/([\w-]+)\/index\.ts$/.exec(index[0])?.[1] : undefined;
  return folder ?? chunk.name;
}

/**
 * @param {string | Record<string, string>} input @param {string} entryName @param {string} chunksDir
 * @param {{ clean?: boolean }} [options]
 */
const build = (input, entryName, chunksDir, { clean = false } = {}) => ({
  input,
  // Lets shared code live in the entry itself instead of a second chunk behind a facade: the
  // web team's script tag then costs one request.
  preserveEntrySignatures: 'allow-extension',
  // The protocol's schema builders only build values: an unused schema (a server-side request
  // body, say) then costs the widget nothing, while the constants beside it can still be imported.
  treeshake: { manualPureFunctions: ['object', 'text', 'optional', 'literal', 'array', 'record', 'integer', 'boolean'] },
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: entryName,
    // Rollup names a shared chunk after one of its modules, which says little; the console's one
    // chunk is everything its two pages share.
    chunkFileNames: chunksDir === 'console' ? 'console/shared-[hash].js' : (chunk) => `${chunksDir}/${chunkName(chunk)}-[hash].js`,
    sourcemap: true,
  },
  plugins: clean ? [cleanDist(), ...plugins()] : plugins(),
  onwarn(warning, warn) {
    // livekit-client's bundled code uses `this` at module level in a helper; it is harmless in ESM.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
});

export default [
  // Rollup builds these in order: only the first may empty dist/.
  build('src/widget/digitale-balie.ts', 'digitale-balie.js', 'chunks', { clean: true }),
  // The employee's console and the interpreter's page share Lit, the call and livekit-client.
  build(
    { 'balie-medewerker': 'src/console/balie-medewerker.ts', 'balie-gast': 'src/console/guest/balie-gast.ts' },
    '[name].js',
    'console',
  ),
];
