import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BalieConfig } from '../../src/protocol/index.js';
import { oidcEnvName } from '../../src/server/env.js';
import { parseClientKeys, publishedJwks } from '../../src/server/identity/index.js';
import { belgianProfile, digidProfile, startDigidSimulator, type DigidSimulator } from './index.js';

/** Options for {@link startDemoIdentity}. */
export interface DemoIdentityOptions {
  /** The balie server's `/api/identity/callback` as the browser reaches it. */
  callbackUrl: string;
  /** Callbacks of further balie servers (one per municipality) that share these simulators. */
  otherCallbackUrls?: string[];
  /**
   * The balie's `/api/identity/jwks.json`, where the DigiD simulator fetches the balie's keys, as a
   * broker does. Absent (a test app that does not listen): the keys are registered inline.
   */
  jwksUri?: string;
  /** Whether the DigiD simulator encrypts its ID tokens. Default true: the profile's strict mode. */
  digidEncrypts?: boolean;
}

/** The running simulators and what a balie server needs to use them. */
export interface DemoIdentity {
  /**
   * The balie's secrets as an operator sets them (`BALIE_OIDC_DIGID_PRIVATE_KEY_FILE`, …): key
   * files in a temporary folder, removed by `close`.
   */
  env: Record<string, string>;
  /** `config` with the simulators' issuers and `callbackUrl` in its providers' `oidc` sections. */
  connect(config: BalieConfig, callbackUrl: string): BalieConfig;
  /** DigiD, then the Belgian provider. */
  simulators: [DigidSimulator, DigidSimulator];
  close(): Promise<void>;
}

/**
 * Starts the two simulated providers the demo offers — DigiD in the NL GOV Assurance profile's
 * strict mode (`private_key_jwt`, ID tokens encrypted to the balie) and a Belgian CSAM/itsme
 * look-alike with a client secret — and writes the balie's keys the way an operator would, so the
 * balie server connects through its production path: the config's `identity.providers[].oidc` and
 * `BALIE_OIDC_<ID>_*` settings read by `readIdentityEnv`.
 */
export async function startDemoIdentity(options: DemoIdentityOptions): Promise<DemoIdentity> {
  const keyDir = await mkdtemp(join(tmpdir(), 'balie-oidc-keys-'));
  try {
    const rsaPem = () =>
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const signingKeyFile = join(keyDir, 'digid-signing.pem');
    const decryptionKeyFile = join(keyDir, 'digid-decryption.pem');
    const [signingPem, decryptionPem] = [rsaPem(), rsaPem()];
    await writeFile(signingKeyFile, signingPem, { mode: 0o600 });
    await writeFile(decryptionKeyFile, decryptionPem, { mode: 0o600 });
    const redirectUris = [options.callbackUrl, ...(options.otherCallbackUrls ?? [])];
    const jwks = publishedJwks({
      providers: [
        {
          id: 'digid',
          issuer: '',
          clientId: '',
          redirectUri: '',
          signingKeys: parseClientKeys(signingPem),
          decryptionKeys: parseClientKeys(decryptionPem),
        },
      ],
      returnUrlAllowlist: [],
    });
    const [digid, itsme] = await Promise.all([
      startDigidSimulator({
        profile: digidProfile,
        clients: [
          {
            clientId: 'digitale-balie',
            redirectUris,
            ...(options.jwksUri ? { jwksUri: options.jwksUri } : { jwks }),
            encryptIdTokens: options.digidEncrypts ?? true,
          },
        ],
      }),
      startDigidSimulator({ profile: belgianProfile, clients: [{ clientId: 'digitale-balie', redirectUris }] }),
    ]);
    const simulators = new Map([digid, itsme].map((sim) => [sim.profile.id, sim]));
    return {
      env: {
        [oidcEnvName('digid', 'PRIVATE_KEY_FILE')]: signingKeyFile,
        [oidcEnvName('digid', 'DECRYPTION_KEY_FILE')]: decryptionKeyFile,
        [oidcEnvName('itsme', 'CLIENT_SECRET')]: itsme.clients[0]!.clientSecret,
      },
      connect: (config, callbackUrl) => connectProviders(config, callbackUrl, simulators),
      simulators: [digid, itsme],
      close: async () => {
        await Promise.all([digid.close(), itsme.close()]);
        await rm(keyDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(keyDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The simulators' addresses are known only once they listen, so the config's `oidc` sections
 * name placeholders that are replaced here — like a deployment that templates its config.
 */
function connectProviders(config: BalieConfig, callbackUrl: string, simulators: Map<string, DigidSimulator>): BalieConfig {
  if (!config.identity) return config;
  return {
    ...config,
    identity: {
      ...config.identity,
      providers: config.identity.providers.map((provider) => {
        const simulator = simulators.get(provider.id);
        if (!simulator || !provider.oidc) return provider;
        return { ...provider, oidc: { ...provider.oidc, issuer: simulator.issuer, redirectUri: callbackUrl } };
      }),
    },
  };
}
