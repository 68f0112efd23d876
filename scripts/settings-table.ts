/**
 * `npm run settings-table`: writes the README's settings table from the server's one settings
 * table (src/server/settings.ts), between the `<!-- settings:start -->` and `:end` markers.
 * test/server/env.test.ts fails while the README disagrees.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { settingsTable } from '../src/server/settings.js';

const readme = new URL('../README.md', import.meta.url);
const text = await readFile(readme, 'utf8');
const markers = /(<!-- settings:start -->\n)[\s\S]*?(<!-- settings:end -->)/;
if (!markers.test(text)) throw new Error('settings-table: README.md has no <!-- settings:start --> … <!-- settings:end --> markers');
await writeFile(readme, text.replace(markers, (_, start: string, end: string) => `${start}${settingsTable()}\n${end}`));
console.log('settings-table: README.md updated');
