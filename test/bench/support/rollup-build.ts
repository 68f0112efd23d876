import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup, type Plugin, type RollupOptions } from 'rollup';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let configInstance = 0;

/** Plugins that act on dist/ rather than on code: a baseline build must never run them. */
const notTransforms = /clean|delete|remove|copy/i;

/**
 * The plugins of the product build, fresh: rollup.config.mjs is imported again under a new query
 * string so no plugin state (commonjs' caches) leaks from one baseline build to the next. Reusing
 * the config itself — not a copy — keeps baselines built exactly like the product. Its named
 * `plugins` export is used when it has one; otherwise the first build's plugins, without the one
 * that empties dist/ (it would delete the build under measurement).
 */
async function productPlugins(): Promise<Plugin[]> {
  configInstance += 1;
  const url = new URL(`rollup.config.mjs?bench=${configInstance}`, `file://${root}`);
  const config = (await import(url.href)) as { default: RollupOptions[]; plugins?: () => Plugin[] };
  const plugins = config.plugins ? config.plugins() : (config.default[0]!.plugins as Plugin[]);
  return plugins.filter((plugin) => !notTransforms.test(plugin.name));
}

/**
 * Bundles `entry` (a file under test/bench/baselines/) into one ES module in `outDir` with the
 * product's rollup plugins, and returns the written file's path and text.
 */
export async function bundleBaseline(entry: string, outDir: string): Promise<{ file: string; code: string }> {
  const cwd = process.cwd();
  // The esbuild plugin finds tsconfig.json relative to the working directory.
  process.chdir(root);
  try {
    const bundle = await rollup({
      input: entry,
      plugins: await productPlugins(),
      onwarn(warning, warn) {
        if (warning.code === 'THIS_IS_UNDEFINED') return;
        warn(warning);
      },
    });
    try {
      const { output } = await bundle.write({ dir: outDir, format: 'es', inlineDynamicImports: true });
      const file = join(outDir, output[0].fileName);
      return { file, code: await readFile(file, 'utf8') };
    } finally {
      await bundle.close();
    }
  } finally {
    process.chdir(cwd);
  }
}
