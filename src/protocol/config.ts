import { array, boolean, integer, literal, object, optional, record, text, type Infer, type Schema, type SchemaIssue } from './schema.js';
import { LANGS, type LocalizedText } from './lang.js';
import { langKey, localizedText } from './localized-text.js';
import { levelOfAssuranceSchema } from './identity.js';
import { balieModes } from './booking.js';
import { paymentsConfigSchema, productPaymentFields } from './payment.js';
import { documentsConfigSchema } from './document.js';

const httpsUrl = text({ max: 500, pattern: /^https:\/\//, expected: 'an https URL' });
const pageUrl = text({ max: 500, pattern: /^https?:\/\/[^#\s]+$/, expected: 'an http(s) URL without a fragment' });
// Credentials travel over this URL: https, or plain http only on this machine (tests, the demo).
const serverUrl = text({
  max: 500,
  pattern: /^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/])/,
  expected: 'an https URL (http only for 127.0.0.1 or localhost)',
});
const isoDate = text({ max: 10, pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, expected: 'a date like 2026-12-25' });

/** A product a citizen can make a video call about, e.g. "Paspoort aanvragen". */
export const productSchema = object({
  /** Stable id used in the `product` attribute and on the wire. */
  id: text({ max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/, expected: 'an id of lowercase letters, digits and dashes' }),
  /** What the citizen reads, e.g. `{ "nl": "Paspoort aanvragen", "fr": "Demander un passeport" }`. */
  name: localizedText({ max: 120 }),
  /** Length of an appointment, and so of a slot, in minutes. Default 15. */
  durationMinutes: optional(integer(5, 240)),
  /**
   * The level of assurance the citizen must prove (DigiD Substantieel for a passport). Absent:
   * the product needs no login at all.
   */
  levelOfAssurance: optional(levelOfAssuranceSchema),
  /** What to have at hand during the call, one short line each ("Uw oude paspoort"). */
  bring: optional(array(localizedText({ max: 200 }), { max: 20 })),
  /** Which modes this product offers. Default: both. */
  modes: optional(array(literal(...balieModes), { min: 1, max: 2 })),
  /**
   * Where this product's appointments are kept: the id of an entry in the config's
   * `appointmentBackends` (an employee's CalDAV calendar, the municipality's appointment system).
   * Absent: the balie's own store.
   */
  appointmentBackend: optional(text({ max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/, expected: 'an id of lowercase letters, digits and dashes' })),
  ...productPaymentFields,
});

/** A time range within a day, local time: `09:00-12:30`. */
const periodSchema = text({
  max: 11,
  pattern: /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/,
  expected: 'a time range like 09:00-12:30',
});
const dayHours = optional(array(periodSchema, { max: 6 }));

/** Opening hours per weekday; a day that is absent is closed. */
export const weekHoursSchema = object({
  mon: dayHours,
  tue: dayHours,
  wed: dayHours,
  thu: dayHours,
  fri: dayHours,
  sat: dayHours,
  sun: dayHours,
});

/**
 * When the counter is open, in the municipality's own time zone (so that 09:00 stays 09:00 across
 * daylight-saving changes).
 */
export const openingHoursSchema = object({
  timeZone: literal('Europe/Amsterdam', 'Europe/Brussels'),
  /** When appointment slots are offered. */
  appointments: weekHoursSchema,
  /**
   * When "join now" (the live queue) is open. Absent: at any hour, for the products whose `modes`
   * offer it (a product that only takes appointments never has a queue).
   */
  walkIn: optional(weekHoursSchema),
  /** Closed days (public holidays), `YYYY-MM-DD`. */
  holidays: optional(array(isoDate, { max: 200 })),
  /** How many employees take video appointments at the same time. Default 1. */
  desks: optional(integer(1, 50)),
  /** How many days ahead a citizen can book. Default 14. */
  daysAhead: optional(integer(1, 90)),
  /** Minutes before the appointment that the citizen may enter the waiting room. Default 10. */
  joinEarlyMinutes: optional(integer(0, 60)),
});

/** A prepared link the employee can send in the chat with one click. */
export const quickLinkSchema = object({
  label: text({ max: 80 }),
  url: httpsUrl,
});

/** Chat settings. Links to other domains are shown as plain text, never made clickable. */
export const chatConfigSchema = object({
  allowedLinkDomains: optional(array(text({ max: 253, pattern: /^[a-z0-9.-]+$/, expected: 'a domain name like voorbeeldstad.nl' }), { max: 50 })),
  quickLinks: optional(array(quickLinkSchema, { max: 30 })),
});

const acrValue = text({ max: 200 });

/**
 * How the balie server reaches one OpenID Connect provider as a relying party: the public half of
 * its registration at the broker. Server-side only: `GET /api/config` leaves it out. Secrets never
 * appear here; they are the server's environment, named after the provider's id
 * (`BALIE_OIDC_<ID>_CLIENT_SECRET`, `BALIE_OIDC_<ID>_PRIVATE_KEY_FILE`,
 * `BALIE_OIDC_<ID>_DECRYPTION_KEY_FILE`; see docs/identity-providers.md).
 */
export const oidcProviderSchema = object({
  /** The issuer identifier; its discovery document is fetched on first use. */
  issuer: serverUrl,
  clientId: text({ max: 500 }),
  /**
   * `private_key_jwt` (the NL GOV Assurance profile's choice: a signed assertion, the key from
   * `BALIE_OIDC_<ID>_PRIVATE_KEY_FILE`, its public half at `/api/identity/jwks.json`) or
   * `client_secret_basic` (`BALIE_OIDC_<ID>_CLIENT_SECRET`).
   */
  clientAuthentication: literal('private_key_jwt', 'client_secret_basic'),
  /** This server's `/api/identity/callback` as registered at the provider. */
  redirectUri: pageUrl,
  /** The provider's `acr` value for each level of assurance. Default: DigiD's eToegang values. */
  acrValues: optional(object({ basis: acrValue, midden: acrValue, substantieel: acrValue, hoog: acrValue })),
  /**
   * Where the ID token carries the national number. `claim` defaults to `bsn`; `pattern`, a
   * regular expression with one capture group, takes it out of a formatted value such as a
   * broker's `sub` of `s00000000:999993653`.
   */
  nationalNumber: optional(object({ claim: text({ max: 100 }), pattern: optional(text({ max: 200 })) })),
  /**
   * ID tokens arrive encrypted (JWE) with this algorithm, to the key in
   * `BALIE_OIDC_<ID>_DECRYPTION_KEY_FILE`; an unencrypted ID token is then refused. Absent: signed
   * only.
   */
  idTokenEncryption: optional(object({ alg: literal('RSA-OAEP-256', 'ECDH-ES'), enc: literal('A256GCM') })),
});

/**
 * Identity providers the citizen can choose from, and the pages they may be sent back to. Only
 * `id` and `label` reach the browser: each provider's `oidc` registration is the server's.
 */
export const identityConfigSchema = object({
  providers: array(
    object({
      /** Used on the wire, e.g. `digid`; names the provider's settings (`BALIE_OIDC_DIGID_…`). */
      id: text({ max: 64, pattern: /^[a-z0-9-]+$/, expected: 'an id of lowercase letters, digits and dashes' }),
      /** The button's text, e.g. "Inloggen met DigiD". */
      label: localizedText({ max: 80 }),
      /** The server's registration at this provider; required by `src/server/main.ts`. */
      oidc: optional(oidcProviderSchema),
    }),
    { min: 1, max: 5 },
  ),
  /**
   * Pages the provider may send the citizen back to: same origin and path, or any path below an
   * entry that ends in `/`. Query strings are allowed, fragments never.
   */
  returnUrls: array(pageUrl, { min: 1, max: 100 }),
  /**
   * Why an employee may show a citizen's BSN in full: the console offers these, in this order, and
   * the server accepts no other. The last one is the catch-all ("Anders") and needs an explanation.
   * Default {@link defaultRevealReasons}. At most 100 characters each, so the audit entry with
   * its explanation fits the log's 500 (see `revealAuditReason`).
   */
  revealReasons: optional(array(text({ max: 100 }), { min: 1, max: 10 })),
});

/** The reasons for showing a BSN in full when the config names none; the last is the catch-all. */
export const defaultRevealReasons: readonly string[] = [
  'Controle identiteit voor de aanvraag',
  'Verzoek van de inwoner',
  'Gegevens nodig voor de zaak (zaaknummer in toelichting)',
  'Anders (licht toe)',
];

/** What the consent step tells the citizen about their data. */
export const privacyConfigSchema = object({
  /** Days the appointment's personal data is kept after the appointment. */
  keepDays: integer(1, 3650),
  /** The municipality's privacy statement. */
  policyUrl: optional(httpsUrl),
});

/** Theme tokens: CSS custom properties (NL Design System names or ours) and their values. */
export const themeSchema = record(
  { pattern: /^--[a-z0-9-]{1,80}$/, expected: 'a CSS custom property name like --nl-button-primary-action-background-color' },
  // No `;{}<>\` and no url(): a value can change a colour, never inject a rule or load a resource.
  text({ max: 200, pattern: /^(?!.*url\()[^;{}<>\\]+$/i, expected: 'a CSS value without ; { } < > \\ or url(' }),
);

/** Text overrides by language, then by message key: `{ "nl": { "launcherButton": "Bel ons" } }`. */
export const textOverridesSchema = record(
  langKey,
  record({ pattern: /^[a-zA-Z]{1,60}$/, expected: 'a message key like launcherButton' }, text({ max: 500 })),
  { max: LANGS.length },
);

/**
 * An outcome code the employee picks after a conversation. `firstTimeRight` says whether it means
 * the citizen's question was settled in this one contact, for the first-time-right figure.
 */
export const outcomeSchema = object({
  id: text({ max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/, expected: 'an id of lowercase letters, digits and dashes' }),
  label: text({ max: 80 }),
  firstTimeRight: boolean(),
});

/** The outcome codes used when the config names none. */
export const defaultOutcomes: Outcome[] = [
  { id: 'afgehandeld', label: 'Afgehandeld', firstTimeRight: true },
  { id: 'vervolg-nodig', label: 'Vervolg nodig', firstTimeRight: false },
  { id: 'doorverwezen', label: 'Doorverwezen', firstTimeRight: false },
];

/** What the "trips and CO₂ avoided" figure assumes for each call that replaced a visit. */
export const figuresConfigSchema = object({
  /** Kilometres of a return trip to the town hall. Default 10. */
  kmPerTrip: optional(integer(0, 1000)),
  /** Grams of CO₂ per kilometre travelled. Default 120 (an average car). */
  gramsCo2PerKm: optional(integer(0, 10_000)),
});


/**
 * A calendar system that holds appointments instead of the balie's own store; products name it
 * in `appointmentBackend`. Server-side only: `GET /api/config` leaves the whole
 * `appointmentBackends` section out, and credentials never appear here (they are the server's
 * environment: `BALIE_CALDAV_USERNAME`, `BALIE_CALDAV_PASSWORD`). See docs/appointment-backends.md.
 */
export const appointmentBackendSchema = object({
  /** `caldav`: employees' calendars on a CalDAV server (Nextcloud, SOGo, Radicale, Exchange via a gateway). */
  type: literal('caldav'),
  /** The CalDAV server, e.g. `https://agenda.voorbeeldstad.nl/remote.php/dav/`. */
  url: serverUrl,
  /**
   * The calendars that take these appointments, one per employee (or one for the product), as
   * paths on `url`'s server (so the balie's credentials go nowhere else). Each is a desk: a slot
   * is free while one of them is free.
   */
  calendars: array(text({ max: 500, pattern: /^\/[^\s?#]*$/, expected: 'a calendar path like /anna/balie/' }), { min: 1, max: 50 }),
  /** The employee console's page, put in every event as the link to take the call. */
  consoleUrl: text({ max: 500, pattern: /^https?:\/\/[^\s#]+$/, expected: 'the console URL, like https://balie.voorbeeldstad.nl/medewerker/' }),
  /** Seconds a calendar request may take before it counts as failed. Default 5. */
  timeoutSeconds: optional(integer(1, 60)),
});

/** The parts of a config that hold texts a citizen reads. */
interface CitizenTexts {
  products: { name: LocalizedText; bring?: LocalizedText[]; fees?: { label: LocalizedText }[] }[];
  identity?: { providers: { label: LocalizedText }[] };
}

/** Each text a citizen reads, with its path in the config. A new such field belongs here too. */
function citizenTexts(config: CitizenTexts): [path: string, text: LocalizedText][] {
  return [
    ...config.products.flatMap((product, i): [string, LocalizedText][] => [
      [`products[${i}].name`, product.name],
      ...(product.bring ?? []).map((line, j): [string, LocalizedText] => [`products[${i}].bring[${j}]`, line]),
      ...(product.fees ?? []).map((fee, j): [string, LocalizedText] => [`products[${i}].fees[${j}].label`, fee.label]),
    ]),
    ...(config.identity?.providers ?? []).map((provider, i): [string, LocalizedText] => [`identity.providers[${i}].label`, provider.label]),
  ];
}

/**
 * `inner`, and then: a language one per-language text gives, every per-language text gives. Else
 * a French page would read "Pour Identiteitskaart aanvragen, …". The languages are the ones the
 * config uses, not all of {@link LANGS}: a municipality that serves Dutch and French need not
 * write English (an English page then reads the Dutch product names). A plain string is every
 * language's text.
 */
function givingEveryLanguage<T extends CitizenTexts>(inner: Schema<T>): Schema<T> {
  return {
    expected: inner.expected,
    check(value, path, issues) {
      const before = issues.length;
      const config = inner.check(value, path, issues);
      if (issues.length > before) return config;
      const perLang = citizenTexts(config).filter((entry): entry is [string, Exclude<LocalizedText, string>] => typeof entry[1] !== 'string');
      for (const lang of LANGS) {
        const givenAt = perLang.find(([, text]) => lang in text)?.[0];
        if (!givenAt) continue;
        for (const [at, text] of perLang) {
          if (!(lang in text)) issues.push(missing(path ? `${path}.${at}` : at, lang, givenAt));
        }
      }
      return config;
    },
  };
}

interface PaymentParts {
  payments?: unknown;
  outcomes?: { id: string }[];
  products: { fees?: { id: string }[]; payAtBooking?: boolean; freeAmount?: boolean; resolvedOutcomes?: string[] }[];
}

/**
 * `inner`, and then: fees only with a top-level `payments` (else nobody knows the method), fee ids
 * unique within a product, pay-at-booking only with a fee to pay, resolved outcomes that exist.
 */
function withConsistentPayments<T extends PaymentParts>(inner: Schema<T>): Schema<T> {
  return {
    expected: inner.expected,
    check(value, path, issues) {
      const before = issues.length;
      const config = inner.check(value, path, issues);
      if (issues.length > before) return config;
      const outcomes = (config.outcomes ?? defaultOutcomes).map((o) => o.id);
      config.products.forEach((product, i) => {
        const at = `products[${i}]`;
        const fees = product.fees ?? [];
        if ((fees.length > 0 || product.freeAmount) && !config.payments) {
          issues.push({ path: `${at}.fees`, expected: 'a top-level "payments" with the method (ideal or bancontact)', received: 'fees without it' });
        }
        fees.forEach((fee, j) => {
          if (fees.findIndex((f) => f.id === fee.id) !== j) issues.push({ path: `${at}.fees[${j}].id`, expected: 'an id no other fee of this product has', received: fee.id });
        });
        if (product.payAtBooking && fees.length === 0) issues.push({ path: `${at}.payAtBooking`, expected: 'a fee to pay at booking', received: 'no fees' });
        for (const code of product.resolvedOutcomes ?? []) {
          if (!outcomes.includes(code)) issues.push({ path: `${at}.resolvedOutcomes`, expected: `one of the outcomes (${outcomes.join(', ')})`, received: code });
        }
      });
      return config;
    },
  };
}

function missing(at: string, lang: string, givenAt: string): SchemaIssue {
  return { path: `${at}.${lang}`, expected: `a text in "${lang}" too, as ${givenAt} has one`, received: 'nothing' };
}

/**
 * The municipality's configuration as served by the balie server's config endpoint and read by
 * `<digitale-balie config-url>`.
 */
export const balieConfigSchema = givingEveryLanguage(withConsistentPayments(object({
  municipality: object({ name: text({ max: 120 }) }),
  products: array(productSchema, { min: 1, max: 200 }),
  /**
   * Base URL of the balie server's API. Optional: by default the widget uses `/api/` on the
   * origin the config was loaded from.
   */
  apiBase: optional(text({ max: 500, pattern: /^https?:\/\//, expected: 'an http(s) URL' })),
  /** Absent: the counter takes no appointments and its queue is always open (walking skeleton). */
  openingHours: optional(openingHoursSchema),
  identity: optional(identityConfigSchema),
  privacy: optional(privacyConfigSchema),
  chat: optional(chatConfigSchema),
  theme: optional(themeSchema),
  texts: optional(textOverridesSchema),
  /** Whether booking asks for a phone number (for a text reminder). Default false. */
  askPhone: optional(boolean()),
  /** Outcome codes for the employee's notes. Default {@link defaultOutcomes}. */
  outcomes: optional(array(outcomeSchema, { min: 1, max: 30 })),
  /** Assumptions behind the figures. */
  figures: optional(figuresConfigSchema),
  /** Calendar systems products may keep their appointments in, by id. Never served to browsers. */
  /** How citizens pay fees (issue 16); absent: no payments. */
  payments: optional(paymentsConfigSchema),
  /** Documents in the call (issue 15): the largest file. Default: 10 MB. */
  documents: optional(documentsConfigSchema),
  appointmentBackends: optional(
    record({ pattern: /^[a-z0-9][a-z0-9-]{0,63}$/, expected: 'an id of lowercase letters, digits and dashes' }, appointmentBackendSchema, { max: 20 }),
  ),
})));

export type Product = Infer<typeof productSchema>;
export type BalieConfig = Infer<typeof balieConfigSchema>;
export type QuickLink = Infer<typeof quickLinkSchema>;
export type ChatConfig = Infer<typeof chatConfigSchema>;
export type WeekHours = Infer<typeof weekHoursSchema>;
export type OpeningHours = Infer<typeof openingHoursSchema>;
export type IdentityConfig = Infer<typeof identityConfigSchema>;
export type OidcProviderConfig = Infer<typeof oidcProviderSchema>;
export type ThemeTokens = Infer<typeof themeSchema>;
export type Outcome = Infer<typeof outcomeSchema>;
export type FiguresConfig = Infer<typeof figuresConfigSchema>;
export type AppointmentBackendConfig = Infer<typeof appointmentBackendSchema>;
