/**
 * What makes one simulated identity provider different from another: its test persons, the
 * `acr` values it speaks and the claim that carries the national number. The simulator's code is
 * the same for all of them, which is the point: the relying party must not care which it talks to.
 */

/** A person one can log in as on the simulator's login page. */
export interface TestPerson {
  /** The national number: a BSN for DigiD, a rijksregisternummer for the Belgian provider. */
  nationalNumber: string;
  /** Shown on the login page only; never put in a token (scope `openid` carries no name). */
  label: string;
  /** More ID token claims for this person, named in the profile's `extraClaims`. */
  claims?: Record<string, string | string[]>;
}

/** One level of assurance as the provider names it. */
export interface AcrOption {
  acr: string;
  label: string;
}

/** A simulated provider's personality. */
export interface ProviderProfile {
  id: string;
  /** Shown as the login page's heading. */
  title: string;
  /** The ID token claim holding the national number. */
  nationalNumberClaim: string;
  /** Lowest first. */
  acrValues: AcrOption[];
  persons: TestPerson[];
  /** Claims besides `sub` and the national number that ID tokens may carry (a role, a name). */
  extraClaims?: string[];
}

/**
 * DigiD as a broker presents it under the NL GOV Assurance profile: `acr` values in the
 * eToegang naming (loa2 = DigiD Basis, loa2plus = Midden, loa3 = Substantieel, loa4 = Hoog).
 * The BSNs are from the range the Dutch government set aside for testing and pass the 11-proef.
 */
export const digidProfile: ProviderProfile = {
  id: 'digid',
  title: 'DigiD (simulator)',
  nationalNumberClaim: 'bsn',
  acrValues: [
    { acr: 'urn:etoegang:core:assurance-class:loa2', label: 'DigiD Basis' },
    { acr: 'urn:etoegang:core:assurance-class:loa2plus', label: 'DigiD Midden' },
    { acr: 'urn:etoegang:core:assurance-class:loa3', label: 'DigiD Substantieel' },
    { acr: 'urn:etoegang:core:assurance-class:loa4', label: 'DigiD Hoog' },
  ],
  persons: [
    { nationalNumber: '999993653', label: 'Suzanne Moulin (BSN 999993653)' },
    { nationalNumber: '999990019', label: 'Jan Jansen (BSN 999990019)' },
    { nationalNumber: '999991917', label: 'Fatima El Amrani (BSN 999991917)' },
  ],
};

/**
 * A Belgian federal authentication service in the style of CSAM/FAS with itsme: its own `acr`
 * values and the rijksregisternummer (checksum-valid, made up) in an `egovNRN` claim.
 */
export const belgianProfile: ProviderProfile = {
  id: 'itsme',
  title: 'CSAM / itsme (simulator)',
  nationalNumberClaim: 'egovNRN',
  acrValues: [
    { acr: 'urn:be:fedict:iam:fas:Level100', label: 'Gebruikersnaam en wachtwoord' },
    { acr: 'urn:be:fedict:iam:fas:Level200', label: 'Beveiligingscode via sms' },
    { acr: 'urn:be:fedict:iam:fas:Level400', label: 'Beveiligingscode via app' },
    { acr: 'urn:be:fedict:iam:fas:Level500', label: 'itsme of eID-kaartlezer' },
  ],
  persons: [
    { nationalNumber: '85073003328', label: 'Marie Dubois (RRN 85.07.30-033.28)' },
    { nationalNumber: '90010112395', label: 'Luc Peeters (RRN 90.01.01-123.95)' },
  ],
};

/**
 * The municipality's own provider for its staff (in production: its Entra ID, Keycloak, …), with
 * the console role in a `balie_role` claim and a display name. The "national number" here is a
 * staff number; the balie uses only the opaque `sub`, the role and the name.
 */
export const employeeProfile: ProviderProfile = {
  id: 'medewerkers',
  title: 'Gemeente Voorbeeldstad — medewerkers (simulator)',
  nationalNumberClaim: 'personeelsnummer',
  acrValues: [{ acr: 'urn:voorbeeldstad:mfa', label: 'Wachtwoord en authenticator-app' }],
  extraClaims: ['name', 'balie_role'],
  persons: [
    { nationalNumber: 'M1001', label: 'Fatima (medewerker)', claims: { name: 'Fatima', balie_role: 'medewerker' } },
    { nationalNumber: 'M1002', label: 'Kees (medewerker)', claims: { name: 'Kees', balie_role: 'medewerker' } },
    { nationalNumber: 'B2001', label: 'Bert (beheerder)', claims: { name: 'Bert', balie_role: ['medewerker', 'beheerder'] } },
    { nationalNumber: 'X3001', label: 'Ingrid (geen balierol)', claims: { name: 'Ingrid' } },
  ],
};
