// Builds what a web team pastes and what an employee opens:
// - dist/digitale-balie.js: the launcher only (Lit + the element); booking stages and the call are
//   separate chunks under dist/chunks/, fetched with import() when the citizen gets that far.
// - dist/balie-medewerker.js: the employee console with the call, as its own build.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { rmSync } from 'node:fs';

// Chunk names carry content hashes: without a clean start, old chunks pile up in dist/ and get
// served and measured by mistake.
rmSync('dist', { recursive: true, force: true });

const plugins = () => [
  nodeResolve({ browser: true, exportConditions: ['browser', 'production', 'module', 'import', 'default'] }),
  // components-core depends on loglevel, which ships CommonJS only.
  commonjs(),
  esbuild({ target: 'es2021', tsconfig: 'tsconfig.json', minify: false }),
  terser({ module: true, ecma: 2021, compress: { passes: 2 }, format: { comments: false } }),
];

/** @param {string} input @param {string} entryName @param {string} chunksDir */
const build = (input, entryName, chunksDir) => ({
  input,
  // Lets shared code live in the entry itself instead of a second chunk behind a facade: the
  // web team's script tag then costs one request.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: entryName,
    chunkFileNames: `${chunksDir}/[name]-[hash].js`,
    sourcemap: true,
  },
  plugins: plugins(),
  onwarn(warning, warn) {
    // livekit-client's bundled code uses `this` at module level in a helper; it is harmless in ESM.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
});

export default [
  build('src/widget/digitale-balie.ts', 'digitale-balie.js', 'chunks'),
  build('src/console/balie-medewerker.ts', 'balie-medewerker.js', 'console'),
];
