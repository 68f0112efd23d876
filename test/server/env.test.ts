import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateKeyPairSync } from 'node:crypto';
import { EnvError, loadConfigFile, parseOrigins, readIdentityEnv, readServerEnv } from '../../src/server/env.js';
import { settingsTable } from '../../src/server/settings.js';
import { testConfig } from './helpers.js';
import { identityConfig } from './identity-support.js';

const complete = {
  BALIE_CONFIG: '/etc/balie.json',
  LIVEKIT_URL: 'wss://livekit.example.nl',
  LIVEKIT_API_KEY: 'key',
  LIVEKIT_API_SECRET: 'secret',
  BALIE_CONSOLE_CODE: 'code',
};

describe('server settings from the environment', () => {
  it('has loopback and port 4100 as defaults', () => {
    const env = readServerEnv(complete);
    assert.equal(env.host, '127.0.0.1');
    assert.equal(env.port, 4100);
    assert.deepEqual(env.allowedOrigins, []);
    assert.equal(env.dataDir, undefined);
  });

  it('reads Redis and the retention periods, and refuses a period that is not a positive number', () => {
    const env = readServerEnv({
      ...complete,
      REDIS_URL: 'redis://10.0.0.5:6379',
      BALIE_RETENTION_IDENTITY_DAYS: '0.5',
      BALIE_RETENTION_FEEDBACK_COMMENT_DAYS: '14',
      BALIE_RETENTION_INTERVAL_MINUTES: '10',
    });
    assert.deepEqual(env.redis, { url: 'redis://10.0.0.5:6379', channel: undefined });
    assert.deepEqual(env.retention, { identityDays: 0.5, feedbackCommentDays: 14 });
    assert.equal(env.retentionIntervalMs, 600_000);
    assert.equal(readServerEnv(complete).redis, undefined);
    assert.throws(() => readServerEnv({ ...complete, BALIE_RETENTION_WEBHOOK_DAYS: '-1' }), {
      name: 'EnvError',
      message: 'balie-server: BALIE_RETENTION_WEBHOOK_DAYS must be a positive number, got "-1"',
    });
  });

  it('reads the session lifetimes in minutes, and refuses one that is not a positive number', () => {
    const env = readServerEnv({
      ...complete,
      BALIE_CITIZEN_SESSION_IDLE_MINUTES: '10',
      BALIE_CITIZEN_SESSION_MAX_MINUTES: '45',
      BALIE_CONSOLE_SESSION_IDLE_MINUTES: '20',
      BALIE_CONSOLE_SESSION_MAX_MINUTES: '480',
    });
    assert.deepEqual(env.sessions, {
      citizenIdleSeconds: 600,
      citizenMaxSeconds: 2700,
      employeeIdleSeconds: 1200,
      employeeMaxSeconds: 28_800,
    });
    assert.deepEqual(readServerEnv(complete).sessions, {}, 'unset: the defaults');
    assert.throws(() => readServerEnv({ ...complete, BALIE_CONSOLE_SESSION_IDLE_MINUTES: 'never' }), {
      name: 'EnvError',
      message: 'balie-server: BALIE_CONSOLE_SESSION_IDLE_MINUTES must be a positive number, got "never"',
    });
  });

  it('names every missing setting', () => {
    assert.throws(() => readServerEnv({ BALIE_CONFIG: 'x' }), {
      name: 'EnvError',
      message:
        'balie-server: set LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, BALIE_CONSOLE_CODE',
    });
  });

  it('refuses a port that is not one, and an http LiveKit URL', () => {
    assert.throws(
      () => readServerEnv({ ...complete, PORT: 'eighty' }),
      { name: 'EnvError', message: 'balie-server: PORT must be a port number (0 to 65535), got "eighty"' },
    );
    assert.throws(
      () => readServerEnv({ ...complete, LIVEKIT_URL: 'http://x' }),
      { name: 'EnvError', message: 'balie-server: LIVEKIT_URL must be a URL starting with ws:// or wss://, or several, comma separated; "http://x" is not one' },
    );
  });

  it('reads a list of LiveKit nodes, and names the entry that is not a node URL', () => {
    assert.deepEqual(readServerEnv(complete).livekit, { url: 'wss://livekit.example.nl', apiKey: 'key', apiSecret: 'secret' });
    const env = readServerEnv({ ...complete, LIVEKIT_URL: 'wss://lk1.example.nl, wss://lk2.example.nl:7880' });
    assert.deepEqual(env.livekit, {
      url: 'wss://lk1.example.nl',
      urls: ['wss://lk1.example.nl', 'wss://lk2.example.nl:7880'],
      apiKey: 'key',
      apiSecret: 'secret',
    });
    const refused = [
      ['wss://lk1.example.nl,https://lk2.example.nl', '"https://lk2.example.nl" is not one'],
      ['wss://lk1.example.nl,,wss://lk2.example.nl', 'there is an empty entry'],
      ['wss://lk1.example.nl, lk2.example.nl', '"lk2.example.nl" is not one'],
      ['wss://lk1.example.nl,wss://lk1.example.nl', '"wss://lk1.example.nl" is there twice'],
    ];
    for (const [value, problem] of refused) {
      assert.throws(() => readServerEnv({ ...complete, LIVEKIT_URL: value }), {
        name: 'EnvError',
        message: `balie-server: LIVEKIT_URL must be a URL starting with ws:// or wss://, or several, comma separated; ${problem}`,
      });
    }
  });

  it('never repeats a secret in the error that names it', () => {
    assert.throws(() => readServerEnv({ ...complete, DATABASE_URL: 'mysql://balie:hunter2@db' }), {
      name: 'EnvError',
      message: 'balie-server: DATABASE_URL must be a URL starting with postgres:// or postgresql://, got a value that does not fit',
    });
  });

  it('reads the Postgres schema, and refuses one that is not a plain name', () => {
    assert.equal(readServerEnv({ ...complete, DATABASE_SCHEMA: 'kustrode' }).databaseSchema, 'kustrode');
    assert.throws(() => readServerEnv({ ...complete, DATABASE_SCHEMA: 'a; DROP TABLE x' }), {
      name: 'EnvError',
      message: 'balie-server: DATABASE_SCHEMA must be a schema name (lowercase letters, digits, _), got "a; DROP TABLE x"',
    });
  });

  it('reads how long tickets wait and how often they are swept', () => {
    const env = readServerEnv({ ...complete, BALIE_TICKET_TTL_MINUTES: '90', BALIE_SWEEP_INTERVAL_SECONDS: '5' });
    assert.equal(env.ticketTtlSeconds, 5400);
    assert.equal(env.sweepIntervalMs, 5000);
  });

  it("documents every setting in the README's table, made from the one settings table", async () => {
    const readme = await readFile(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const table = readme.match(/<!-- settings:start -->\n([\s\S]*?)\n<!-- settings:end -->/)?.[1];
    assert.equal(table, settingsTable(), 'README.md is out of date: run `npm run settings-table`');
  });

  it('reads allowed origins, and refuses one with a path', () => {
    assert.deepEqual(parseOrigins(' https://a.nl , http://localhost:3000,'), [
      'https://a.nl',
      'http://localhost:3000',
    ]);
    assert.throws(() => parseOrigins('https://a.nl/page'), EnvError);
  });

  it('names the config file and every problem in it', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'balie-env-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const good = join(dir, 'good.json');
    const bad = join(dir, 'bad.json');
    await writeFile(good, JSON.stringify(testConfig));
    await writeFile(bad, JSON.stringify({ municipality: {}, products: [], prodcuts: 1 }));
    assert.deepEqual(await loadConfigFile(good), testConfig);
    await assert.rejects(loadConfigFile(bad), (error: Error) => {
      assert.ok(error.message.includes(bad));
      assert.match(error.message, /municipality\.name: expected/);
      assert.match(error.message, /prodcuts: expected no such field/);
      return true;
    });
    await assert.rejects(loadConfigFile(join(dir, 'absent.json')), /cannot read BALIE_CONFIG/);
  });

  it('makes `node src/server/main.ts` exit 1 with the config problems', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'balie-main-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ municipality: { name: 'X' }, products: [] }));
    const main = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, ...complete, BALIE_CONFIG: bad },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not fit the config format`),
    );
    assert.match(result.stderr, /products: expected a list of 1 to 200 items/);
  });

  it('builds the identity providers from the config and BALIE_OIDC_<ID>_* settings', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'balie-oidc-env-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const pem = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    // The signing key as a JWK set of two (a rotation), the decryption key as PEM.
    const jwk = (text: string) => ({ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: text });
    await writeFile(join(dir, 'signing.json'), JSON.stringify({ keys: [jwk('new'), jwk('old')] }));
    await writeFile(join(dir, 'decryption.pem'), pem());
    const config = { ...testConfig, identity: identityConfig('https://balie.example.nl/api/identity/callback') };
    const env = {
      BALIE_OIDC_DIGID_PRIVATE_KEY_FILE: join(dir, 'signing.json'),
      BALIE_OIDC_DIGID_DECRYPTION_KEY_FILE: join(dir, 'decryption.pem'),
      BALIE_OIDC_ITSME_CLIENT_SECRET: 'itsme-secret',
    };
    const identity = readIdentityEnv(config, env)!;
    const [digid, itsme] = identity.providers;
    assert.deepEqual(digid!.signingKeys!.map((k) => k.kid), ['new', 'old']);
    assert.equal(digid!.decryptionKeys!.length, 1);
    assert.equal(digid!.clientSecret, undefined);
    assert.equal(digid!.redirectUri, 'https://balie.example.nl/api/identity/callback');
    assert.equal(itsme!.clientSecret, 'itsme-secret');
    assert.equal(itsme!.nationalNumberClaim, 'egovNRN');
    assert.equal(readIdentityEnv(testConfig, {}), undefined, 'no identity section: no providers');

    assert.throws(() => readIdentityEnv(config, { ...env, BALIE_OIDC_DIGID_PRIVATE_KEY_FILE: '', BALIE_OIDC_ITSME_CLIENT_SECRET: '' }), {
      name: 'EnvError',
      message: 'balie-server: set BALIE_OIDC_DIGID_PRIVATE_KEY_FILE, BALIE_OIDC_ITSME_CLIENT_SECRET',
    });
    assert.throws(
      () => readIdentityEnv(config, { ...env, BALIE_OIDC_DIGID_DECRYPTION_KEY_FILE: join(dir, 'signing.json') }),
      /BALIE_OIDC_DIGID_DECRYPTION_KEY_FILE holds a key that cannot decrypt RSA-OAEP-256/,
    );
    assert.throws(
      () => readIdentityEnv(config, { ...env, BALIE_OIDC_DIGID_PRIVATE_KEY_FILE: join(dir, 'absent.pem') }),
      /cannot read BALIE_OIDC_DIGID_PRIVATE_KEY_FILE .*absent\.pem/,
    );
    await writeFile(join(dir, 'broken.json'), '{"kty": "RSA", "d": "c2VjcmV0');
    assert.throws(
      () => readIdentityEnv(config, { ...env, BALIE_OIDC_DIGID_PRIVATE_KEY_FILE: join(dir, 'broken.json') }),
      (error: Error) => error.message.includes('is not valid JSON') && !error.message.includes('c2VjcmV0'),
    );
  });

  it('refuses a provider without an oidc section, or with a national number pattern that takes nothing', () => {
    const offered = { providers: [{ id: 'digid', label: 'DigiD' }], returnUrls: ['https://www.testdorp.nl/'] };
    assert.throws(() => readIdentityEnv({ ...testConfig, identity: offered }, {}), /provider "digid" has no "oidc" section/);
    const [, itsme] = identityConfig('https://balie.example.nl/api/identity/callback').providers;
    const config = {
      ...testConfig,
      identity: { ...offered, providers: [{ ...itsme!, oidc: { ...itsme!.oidc!, nationalNumber: { claim: 'sub', pattern: '^s00000000:\\d{9}$' } } }] },
    };
    assert.throws(() => readIdentityEnv(config, { BALIE_OIDC_ITSME_CLIENT_SECRET: 's' }), /needs exactly one capture group, has 0/);
  });

  it('makes `node src/server/main.ts` exit 1 naming a missing provider secret', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'balie-main-oidc-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ ...testConfig, identity: identityConfig('https://balie.example.nl/api/identity/callback') }));
    const main = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, ...complete, BALIE_CONFIG: file },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1, result.stderr);
    assert.equal(
      result.stderr.trim(),
      'balie-server: set BALIE_OIDC_DIGID_PRIVATE_KEY_FILE, BALIE_OIDC_DIGID_DECRYPTION_KEY_FILE, BALIE_OIDC_ITSME_CLIENT_SECRET',
    );
  });
});
