import type { EmployeeLoginOptions } from '../../src/server/console/employee-login.js';
import { SETTINGS } from '../../src/server/settings.js';
import { employeeProfile, startDigidSimulator, type DigidSimulator } from './index.js';

/**
 * Starts the municipality's simulated staff login (Fatima and Kees as medewerker, Bert as
 * beheerder, Ingrid without a console role) and returns the balie server's `employeeLogin`
 * option for it, and the same as settings. `callbackUrl` is the balie server's `/api/console/login/callback` as the
 * browser reaches it.
 */
export async function startDemoEmployeeLogin(
  callbackUrl: string,
): Promise<{ employeeLogin: EmployeeLoginOptions; env: Record<string, string>; simulator: DigidSimulator }> {
  const simulator = await startDigidSimulator({
    profile: employeeProfile,
    clients: [{ clientId: 'balie-console', redirectUris: [callbackUrl] }],
  });
  const client = simulator.clients[0]!;
  const employeeLogin = { issuer: simulator.issuer, clientId: client.clientId, clientSecret: client.clientSecret, redirectUri: callbackUrl };
  return {
    simulator,
    employeeLogin,
    // The same, as the settings a balie server reads (the demo's servers start from settings).
    env: {
      [SETTINGS.employeeOidcIssuer.name]: employeeLogin.issuer,
      [SETTINGS.employeeOidcClientId.name]: employeeLogin.clientId,
      [SETTINGS.employeeOidcClientSecret.name]: employeeLogin.clientSecret,
      [SETTINGS.employeeOidcRedirectUri.name]: employeeLogin.redirectUri,
    },
  };
}
