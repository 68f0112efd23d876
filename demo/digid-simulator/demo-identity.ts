import type { IdentityOptions } from '../../src/server/identity/index.js';
import { belgianProfile, digidProfile, startDigidSimulator, type DigidSimulator } from './index.js';

/** Options for {@link startDemoIdentity}. */
export interface DemoIdentityOptions {
  /** The balie server's `/api/identity/callback` as the browser reaches it. */
  callbackUrl: string;
  /** Pages of the demo site a citizen may come back to. */
  returnUrlAllowlist: string[];
  productLevels?: IdentityOptions['productLevels'];
}

/**
 * Starts the two simulated providers the demo offers — DigiD and a Belgian CSAM/itsme look-alike —
 * and returns the balie server's `identity` option for them, so `npm start` takes the production
 * code path with nothing but loopback HTTP.
 */
export async function startDemoIdentity(
  options: DemoIdentityOptions,
): Promise<{ identity: IdentityOptions; simulators: DigidSimulator[]; close(): Promise<void> }> {
  const client = { clientId: 'digitale-balie', redirectUris: [options.callbackUrl] };
  const [digid, itsme] = await Promise.all([
    startDigidSimulator({ clients: [client], profile: digidProfile }),
    startDigidSimulator({ clients: [client], profile: belgianProfile }),
  ]);
  const registration = (sim: DigidSimulator) => ({
    id: sim.profile.id,
    issuer: sim.issuer,
    clientId: sim.clients[0]!.clientId,
    clientSecret: sim.clients[0]!.clientSecret,
    redirectUri: options.callbackUrl,
    nationalNumberClaim: sim.profile.nationalNumberClaim,
  });
  const [basis, midden, substantieel, hoog] = belgianProfile.acrValues.map((a) => a.acr) as [
    string,
    string,
    string,
    string,
  ];
  return {
    identity: {
      providers: [
        registration(digid),
        { ...registration(itsme), acrValues: { basis, midden, substantieel, hoog } },
      ],
      returnUrlAllowlist: options.returnUrlAllowlist,
      ...(options.productLevels ? { productLevels: options.productLevels } : {}),
    },
    simulators: [digid, itsme],
    close: async () => {
      await Promise.all([digid.close(), itsme.close()]);
    },
  };
}
