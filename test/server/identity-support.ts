import { belgianProfile } from '../../demo/digid-simulator/index.js';
import type { IdentityConfig } from '../../src/protocol/index.js';

const [basis, midden, substantieel, hoog] = belgianProfile.acrValues.map((a) => a.acr) as [string, string, string, string];

/**
 * The config's identity section as an operator writes it for the demo's simulators: DigiD in the
 * NL GOV Assurance profile's strict mode, itsme with a client secret. `issuer` is filled in by
 * `DemoIdentity.connect`.
 */
export function identityConfig(callbackUrl: string): IdentityConfig {
  return {
    providers: [
      {
        id: 'digid',
        label: 'Inloggen met DigiD',
        oidc: {
          issuer: 'http://127.0.0.1/digid-simulator',
          clientId: 'digitale-balie',
          clientAuthentication: 'private_key_jwt',
          redirectUri: callbackUrl,
          idTokenEncryption: { alg: 'RSA-OAEP-256', enc: 'A256GCM' },
        },
      },
      {
        id: 'itsme',
        label: 'Aanmelden met itsme',
        oidc: {
          issuer: 'http://127.0.0.1/itsme-simulator',
          clientId: 'digitale-balie',
          clientAuthentication: 'client_secret_basic',
          redirectUri: callbackUrl,
          acrValues: { basis, midden, substantieel, hoog },
          nationalNumber: { claim: 'egovNRN' },
        },
      },
    ],
    returnUrls: ['https://www.testdorp.nl/paspoort', 'https://www.testdorp.nl/loket/'],
  };
}
