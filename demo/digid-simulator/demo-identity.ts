import type { IdentityOptions } from '../../src/server/identity/index.js';
import { belgianProfile, digidProfile, startDigidSimulator, type DigidSimulator } from './index.js';

/** Options for {@link startDemoIdentity}. */
export interface DemoIdentityOptions {
  /** The balie server's `/api/identity/callback` as the browser reaches it. */
  callbackUrl: string;
  /** Pages of the demo site a citizen may come back to. */
  returnUrlAllowlist: string[];
  productLevels?: IdentityOptions['productLevels'];
  /**
   * Callbacks of further balie servers (one per municipality) that share these simulators; each
   * gets its own `identity` option from `identityFor`.
   */
  otherCallbackUrls?: string[];
}

/**
 * Starts the two simulated providers the demo offers — DigiD and a Belgian CSAM/itsme look-alike —
 * and returns the balie server's `identity` option for them, so `npm start` takes the production
 * code path with nothing but loopback HTTP.
 */
export async function startDemoIdentity(
  options: DemoIdentityOptions,
): Promise<{
  identity: IdentityOptions;
  /** The `identity` option of another balie server, registered through `otherCallbackUrls`. */
  identityFor(callbackUrl: string, returnUrlAllowlist: string[]): IdentityOptions;
  simulators: DigidSimulator[];
  close(): Promise<void>;
}> {
  const client = { clientId: 'digitale-balie', redirectUris: [options.callbackUrl, ...(options.otherCallbackUrls ?? [])] };
  const [digid, itsme] = await Promise.all([
    startDigidSimulator({ clients: [client], profile: digidProfile }),
    startDigidSimulator({ clients: [client], profile: belgianProfile }),
  ]);
  const registration = (sim: DigidSimulator, callbackUrl: string) => ({
    id: sim.profile.id,
    issuer: sim.issuer,
    clientId: sim.clients[0]!.clientId,
    clientSecret: sim.clients[0]!.clientSecret,
    redirectUri: callbackUrl,
    nationalNumberClaim: sim.profile.nationalNumberClaim,
  });
  const [basis, midden, substantieel, hoog] = belgianProfile.acrValues.map((a) => a.acr) as [
    string,
    string,
    string,
    string,
  ];
  const identityFor = (callbackUrl: string, returnUrlAllowlist: string[]): IdentityOptions => ({
    providers: [
      registration(digid, callbackUrl),
      { ...registration(itsme, callbackUrl), acrValues: { basis, midden, substantieel, hoog } },
    ],
    returnUrlAllowlist,
  });
  return {
    identity: {
      ...identityFor(options.callbackUrl, options.returnUrlAllowlist),
      ...(options.productLevels ? { productLevels: options.productLevels } : {}),
    },
    identityFor,
    simulators: [digid, itsme],
    close: async () => {
      await Promise.all([digid.close(), itsme.close()]);
    },
  };
}
