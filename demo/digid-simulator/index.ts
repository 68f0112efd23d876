import { createHash, generateKeyPairSync, randomBytes, type KeyObject, type webcrypto } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { renderLoginPage } from './login-page.js';
import { digidProfile, type ProviderProfile } from './profiles.js';
import { encryptIdToken, tamperIdToken, type IdTokenFault } from './tamper.js';

export {
  belgianProfile,
  digidProfile,
  employeeProfile,
  type ProviderProfile,
  type TestPerson,
} from './profiles.js';
export type { IdTokenFault } from './tamper.js';

/** A public JWK set, as a relying party publishes it. */
export interface PublicJwks {
  keys: (webcrypto.JsonWebKey & { kid?: string; use?: string; alg?: string })[];
}

/** A relying party registered at the simulator. */
export interface SimulatorClient {
  clientId: string;
  /** Generated when absent; unused by a client that authenticates with `private_key_jwt`. */
  clientSecret?: string;
  redirectUris: string[];
  /**
   * The client's public keys, inline (`jwks`) or at its JWKS URL (`jwksUri`). With either, the
   * client must authenticate with `private_key_jwt` (NL GOV Assurance profile); without,
   * `client_secret_basic`.
   */
  jwks?: PublicJwks;
  jwksUri?: string;
  /** Encrypt ID tokens to the client's `enc` key: RSA-OAEP-256 with A256GCM. Needs its keys. */
  encryptIdTokens?: boolean;
}

/** A client as registered: with its secret, generated when not given. */
export type RegisteredClient = SimulatorClient & { clientSecret: string };

/** Options for {@link startDigidSimulator}. */
export interface DigidSimulatorOptions {
  /** Default: a free port. */
  port?: number;
  /** Host to listen on and to name in the issuer. Default `127.0.0.1`. */
  issuerHost?: string;
  /** Which provider to play. Default {@link digidProfile}. */
  profile?: ProviderProfile;
  clients: SimulatorClient[];
}

/** A running simulator; see {@link startDigidSimulator}. */
export interface DigidSimulator {
  /** The issuer identifier, e.g. `http://127.0.0.1:41234`; discovery lives under it. */
  issuer: string;
  profile: ProviderProfile;
  clients: RegisteredClient[];
  /** For tests: the next ID token the token endpoint hands out carries this fault. */
  spoilNextIdToken(fault: IdTokenFault): void;
  close(): Promise<void>;
}

/**
 * Starts a real OpenID Connect provider (oidc-provider) that plays DigiD, or any other
 * {@link ProviderProfile}, with a login page listing test persons. Code flow only, PKCE S256
 * required, scope `openid` only; the national number travels as a claim in the ID token and
 * nowhere else (no userinfo endpoint). Demo and tests use it so the relying party takes exactly
 * the code path it takes against a real broker.
 */
export async function startDigidSimulator(options: DigidSimulatorOptions): Promise<DigidSimulator> {
  const profile = options.profile ?? digidProfile;
  const host = options.issuerHost ?? '127.0.0.1';
  const clients = options.clients.map((c) => ({
    ...c,
    clientSecret: c.clientSecret ?? randomBytes(24).toString('base64url'),
  }));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let pendingFault: IdTokenFault | undefined;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const provider = new Provider(issuer, providerConfiguration(profile, clients, privateKey));
  provider.use(async function spoilIdToken(ctx, next) {
    if (ctx.path !== '/token' || !pendingFault) return next();
    // oidc-provider encrypts as it signs; to spoil a claim, this one token is issued signed only,
    // then spoiled and encrypted here, the way the provider would have.
    const encrypting = await Promise.all(
      clients.filter((c) => c.encryptIdTokens).map((c) => provider.Client.find(c.clientId)),
    );
    const setEnc = (enc: string | undefined) => {
      for (const client of encrypting) if (client) (client as { idTokenEncryptedResponseEnc?: string }).idTokenEncryptedResponseEnc = enc;
    };
    setEnc(undefined);
    try {
      await next();
    } finally {
      setEnc('A256GCM');
    }
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.status !== 200 || !body?.id_token) return;
    body.id_token = tamperIdToken(body.id_token, pendingFault, {
      signingKey: privateKey,
      acrValues: profile.acrValues.map((a) => a.acr),
    });
    pendingFault = undefined;
    const client = clients.find((c) => c.clientId === ctx.oidc?.client?.clientId);
    if (client?.encryptIdTokens) body.id_token = encryptIdToken(body.id_token, await encryptionKey(client));
  });

  const handleProvider = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      handleInteraction(provider, profile, req, res).catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`digid-simulator: ${error.message}`);
      });
    } else {
      handleProvider(req, res);
    }
  });

  return {
    issuer,
    profile,
    clients,
    spoilNextIdToken(fault) {
      pendingFault = fault;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function providerConfiguration(
  profile: ProviderProfile,
  clients: RegisteredClient[],
  privateKey: KeyObject,
): Configuration {
  const accounts = new Map(profile.persons.map((p) => [pseudonym(profile, p.nationalNumber), p]));
  return {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      redirect_uris: c.redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      ...(c.jwks || c.jwksUri
        ? {
            token_endpoint_auth_method: 'private_key_jwt',
            ...(c.jwks ? { jwks: c.jwks } : { jwks_uri: c.jwksUri }),
          }
        : { token_endpoint_auth_method: 'client_secret_basic', client_secret: c.clientSecret }),
      ...(c.encryptIdTokens
        ? { id_token_encrypted_response_alg: 'RSA-OAEP-256', id_token_encrypted_response_enc: 'A256GCM' }
        : {}),
    })),
    jwks: {
      keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'sim-1', use: 'sig', alg: 'RS256' }],
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // oidc-provider (since 9.13) fetches a client's jwks_uri through a dispatcher that refuses
    // special-use addresses, loopback among them, against SSRF. This simulator only ever serves a
    // balie on this machine, whose keys are at 127.0.0.1: it fetches them without that dispatcher
    // (oidc-provider's timeout and body limits still apply).
    fetch: (url, options) => {
      const { dispatcher: _loopbackRefused, ...rest } = options as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid'],
    acrValues: profile.acrValues.map((a) => a.acr),
    claims: { openid: ['sub', profile.nationalNumberClaim, ...(profile.extraClaims ?? [])] },
    // The national number belongs in the ID token the relying party verifies, not behind a
    // userinfo call: DigiD brokers hand it over that way, and it keeps the exchange to one hop.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      // ID tokens encrypted to the client's key, as DigiD brokers under the profile send them.
      encryption: { enabled: true },
    },
    // Short, explicit lifetimes: a simulator login is one sitting, and oidc-provider asks for them.
    ttl: {
      Interaction: 10 * 60,
      Session: 60 * 60,
      Grant: 60 * 60,
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 10 * 60,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const person = accounts.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          ...person.claims,
          sub,
          [profile.nationalNumberClaim]: person.nationalNumber,
        }),
      };
    },
  };
}

/** The client's RSA `enc` key, from its inline JWKS or its JWKS URL. */
async function encryptionKey(client: RegisteredClient): Promise<webcrypto.JsonWebKey & { kid?: string }> {
  const jwks: PublicJwks = client.jwks ?? ((await (await fetch(client.jwksUri!)).json()) as PublicJwks);
  const key = jwks.keys.find((k) => k.use === 'enc' && k.kty === 'RSA');
  if (!key) throw new Error(`digid-simulator: client ${client.clientId} publishes no RSA enc key`);
  return key;
}

/** A stable, provider-specific subject that is not the national number itself. */
function pseudonym(profile: ProviderProfile, nationalNumber: string): string {
  return createHash('sha256').update(`${profile.id}:${nationalNumber}`).digest('hex').slice(0, 32);
}

async function handleInteraction(
  provider: Provider,
  profile: ProviderProfile,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const [, , uid, action] = (req.url ?? '').split('?')[0]!.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction does not match its cookie');
  if (req.method === 'GET' && !action) {
    const requestedAcr = String(details.params.acr_values ?? '').split(' ')[0] || undefined;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      renderLoginPage({ profile, uid, clientId: String(details.params.client_id), requestedAcr }),
    );
    return;
  }
  if (req.method === 'POST' && action === 'abort') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied',
      error_description: 'The citizen cancelled the login',
    });
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const form = new URLSearchParams(await readBody(req));
    const person = profile.persons.find((p) => p.nationalNumber === form.get('person'));
    const acr = profile.acrValues.find((a) => a.acr === form.get('acr'))?.acr;
    if (!person || !acr) throw new Error('pick a listed test person and level of assurance');
    const accountId = pseudonym(profile, person.nationalNumber);
    // A citizen logging in to a government service gives no separate consent: grant at once.
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope('openid');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, {
      login: { accountId, acr },
      consent: { grantId },
    });
    return;
  }
  res.writeHead(404).end();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
