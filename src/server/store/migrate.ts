import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './types.js';

const migrationsDir = new URL('./migrations/', import.meta.url);

// The version is spliced into SQL below, so its shape is checked, not trusted.
const migrationFile = /^(\d{3}_[a-z0-9_]+)\.sql$/;

/**
 * Applies the plain-SQL files in `migrations/` that have not run yet, in file-name order, each in
 * its own transaction together with its row in `schema_migrations`, so a failed migration leaves
 * no trace and a second start is a no-op.
 */
export async function migrate(db: Db): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  const files = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql')).sort();
  const ran: string[] = [];
  for (const file of files) {
    const version = migrationFile.exec(file)?.[1];
    if (!version)
      throw new Error(`balie-store: migration file name "${file}" is not like 001_name.sql`);
    if (applied.has(version)) continue;
    const sql = await readFile(new URL(file, migrationsDir), 'utf8');
    // One script, one round trip: BEGIN and COMMIT stay on the same connection even with a pool.
    try {
      await db.exec(
        `BEGIN;\n${sql}\n;INSERT INTO schema_migrations (version) VALUES ('${version}');\nCOMMIT;`,
      );
    } catch (error) {
      await db.exec('ROLLBACK');
      throw new Error(`balie-store: migration ${file} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    ran.push(version);
  }
  return ran;
}
