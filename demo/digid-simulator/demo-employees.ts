import type { EmployeeLoginOptions } from '../../src/server/console/employee-login.js';
import { employeeProfile, startDigidSimulator, type DigidSimulator } from './index.js';

/**
 * Starts the municipality's simulated staff login (Fatima and Kees as medewerker, Bert as
 * beheerder, Ingrid without a console role) and returns the balie server's `employeeLogin`
 * option for it. `callbackUrl` is the balie server's `/api/console/login/callback` as the
 * browser reaches it.
 */
export async function startDemoEmployeeLogin(
  callbackUrl: string,
): Promise<{ employeeLogin: EmployeeLoginOptions; simulator: DigidSimulator }> {
  const simulator = await startDigidSimulator({
    profile: employeeProfile,
    clients: [{ clientId: 'balie-console', redirectUris: [callbackUrl] }],
  });
  const client = simulator.clients[0]!;
  return {
    simulator,
    employeeLogin: {
      issuer: simulator.issuer,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri: callbackUrl,
    },
  };
}
