import type { LevelOfAssurance } from './identity.js';
import type { BookingState } from './booking.js';
import { object, optional, text, type Infer } from './schema.js';

/** The two roles of the console. A `beheerder` may do all a `medewerker` may, and see the figures. */
export const employeeRoles = ['medewerker', 'beheerder'] as const;
export type EmployeeRole = (typeof employeeRoles)[number];

/** Who is signed in to the console, as the console may show it. */
export interface EmployeeView {
  /** Opaque id from the municipality's provider (its `sub`); what the audit log names. */
  id: string;
  role: EmployeeRole;
  /** Only when the provider gave one. */
  name?: string;
}

/** `GET /api/console/login-options` (no session needed): how an employee can sign in here. */
export interface ConsoleLoginOptions {
  /** Through the municipality's OpenID Connect provider: navigate to `GET /api/console/login`. */
  oidc: boolean;
  /** With the shared development access code (`POST /api/console/session`). */
  accessCode: boolean;
}

/** The query parameter on `/medewerker/` that says why an OIDC login did not end in a session. */
export const CONSOLE_LOGIN_ERROR_PARAM = 'inlogfout';

/**
 * Why an employee login failed: `cancelled` at the provider, `no_role` (the account has no console
 * role), `failed` (anything else: a replayed or expired login, a token that did not verify).
 */
export type ConsoleLoginError = 'cancelled' | 'no_role' | 'failed';

/**
 * `GET /api/console/tickets/:id/identity` (employee only): who the citizen proved to be. The BSN is
 * masked; {@link RevealNationalNumberRequest} shows it in full.
 */
export interface TicketIdentityView {
  verified: boolean;
  name?: string;
  levelOfAssurance?: LevelOfAssurance;
  provider?: string;
  /** E.g. `*****3653`: the last four digits, enough to compare with what the citizen says. */
  maskedNationalNumber?: string;
}

/** `POST /api/console/tickets/:id/identity/reveal`: why the employee needs the full BSN. */
export const revealNationalNumberRequestSchema = object({
  /** One of the config's `identity.revealReasons`, word for word. */
  reason: text({ max: 100 }),
  /**
   * The employee's own words, e.g. a case number. Required with the list's last reason (see
   * {@link explanationRequired}). At most 300 characters: with the reason it fits the audit log.
   */
  explanation: optional(text({ max: 300, pattern: /\S{3}/, expected: 'an explanation of at least a few letters' })),
});
export type RevealNationalNumberRequest = Infer<typeof revealNationalNumberRequestSchema>;

/** Whether a reveal with this reason needs an explanation: the list's last, its "Anders", does. */
export function explanationRequired(reasons: readonly string[], reason: string): boolean {
  return reason === reasons[reasons.length - 1];
}

/** Answer to the reveal: the national number, for this employee's screen only. */
export interface RevealNationalNumberResponse {
  nationalNumber: string;
}

/** `PUT /api/console/tickets/:id/outcome`: the employee's note and outcome code. */
export const ticketOutcomeRequestSchema = object({
  /** An outcome id from the config's `outcomes`. */
  outcome: optional(text({ max: 64 })),
  note: optional(text({ max: 4000, lines: true })),
});
export type TicketOutcomeRequest = Infer<typeof ticketOutcomeRequestSchema>;

/** A ticket's note and outcome as stored (`GET` and `PUT /api/console/tickets/:id/outcome`). */
export interface TicketOutcomeView {
  outcome?: string;
  note?: string;
  updatedAt?: string;
}

/** One day and product in the figures. Durations in seconds; `null` where nothing was measured. */
export interface FiguresRow {
  /** `YYYY-MM-DD` in the municipality's time zone. */
  day: string;
  product: string;
  productName: string;
  calls: number;
  waitMedianSeconds: number | null;
  waitP90Seconds: number | null;
  callMedianSeconds: number | null;
  /** Booked appointments whose slot ended without a call (by the slot's day). */
  noShows: number;
  feedbackCount: number;
  /** Average score 1–5. */
  satisfaction: number | null;
  /** Calls with an outcome, and of those the first-time-right ones. */
  outcomes: number;
  firstTimeRight: number;
  /** Calls with a paid payment requested in the call (issue 16). */
  paidInCall: number;
  /**
   * Trips to the town hall these calls saved: each call whose recorded outcome counts as resolved
   * for the product saves the product's `tripsSaved` (see {@link FiguresResponse.basis}).
   */
  tripsAvoided: number;
}

/** What the trips and CO₂ figures assume, so the console can say how they are computed. */
export interface FiguresBasis {
  kmPerTrip: number;
  gramsCo2PerKm: number;
  /** Per product: the trips a resolved call saves, and the outcome codes that count as resolved. */
  products: { product: string; productName: string; tripsSaved: number; resolvedOutcomes: string[] }[];
}

/** `GET /api/console/figures?from=YYYY-MM-DD&to=YYYY-MM-DD` (beheerder only). */
export interface FiguresResponse {
  from: string;
  to: string;
  rows: FiguresRow[];
  totals: {
    calls: number;
    waitMedianSeconds: number | null;
    waitP90Seconds: number | null;
    callMedianSeconds: number | null;
    noShows: number;
    satisfaction: number | null;
    /** Share 0–1 of calls with an outcome that were first-time-right; `null` without outcomes. */
    firstTimeRightShare: number | null;
    /**
     * Share 0–1 of the calls about a product with fees in which a fee was paid during the call;
     * `null` without such calls.
     */
    paidInCallShare: number | null;
    /** The sum of the rows' trips: resolved calls only, each counted per its product's config. */
    tripsAvoided: number;
    kgCo2Avoided: number;
  };
  basis: FiguresBasis;
}

/** `GET /api/console/colleagues`: who else is signed in now, to hand a citizen over to. */
export interface ColleaguesResponse {
  colleagues: EmployeeView[];
}

/** `POST /api/console/tickets/:id/hand-over`: pass a waiting citizen to a colleague. */
export const handOverRequestSchema = object({
  /** The colleague's `id` from {@link ColleaguesResponse}. */
  to: text({ max: 200 }),
});
export type HandOverRequest = Infer<typeof handOverRequestSchema>;

/** One booked appointment in the agenda. Never holds the BSN. */
export interface AgendaAppointment {
  bookingId: string;
  /** Slot start and end, ISO 8601 (UTC). */
  start: string;
  end: string;
  /** `HH:MM` of the start in the municipality's time zone. */
  time: string;
  product: string;
  productName: string;
  /**
   * `booked` until the citizen joins; `waiting`, `in-call`, `done` follow their ticket; `no-show`
   * once the slot has ended without a call; `cancelled` by the citizen.
   */
  state: BookingState;
  /** The citizen logged in with DigiD (or the like) when booking or joining. */
  identified: boolean;
  /** The name the citizen gave when booking. */
  name: string;
  /** The ticket's outcome code and note, once the employee saved them. */
  outcome?: string;
  note?: string;
}

/** The appointments of one product on one day, by start time. */
export interface AgendaProduct {
  product: string;
  productName: string;
  appointments: AgendaAppointment[];
}

/** One local day of the agenda; `products` is empty on a day without bookings. */
export interface AgendaDay {
  /** `YYYY-MM-DD` in the municipality's time zone. */
  date: string;
  products: AgendaProduct[];
}

/** `GET /api/console/agenda?from=YYYY-MM-DD&days=N` (employee): `days` (1–14) days from `from`. */
export interface AgendaResponse {
  from: string;
  days: AgendaDay[];
}

/**
 * Why a coupling is down: no answer in time, no connection, the server refused our credentials
 * (401/403), a configured calendar does not exist (404), or another answer we cannot use.
 */
export type CouplingProblem = 'timeout' | 'unreachable' | 'refused' | 'not-found' | 'error';

/** The health of one calendar coupling (an `appointmentBackends` entry of the config). */
export interface CouplingHealth {
  /** The entry's id in the config's `appointmentBackends`. */
  id: string;
  type: 'caldav';
  /** Names of the products whose appointments it holds. */
  productNames: string[];
  /** `ok` when every calendar answered; `down` when one did not (bookings for it are refused). */
  state: 'ok' | 'down';
  problem?: CouplingProblem;
  /** Precise English, for a beheerder or a log: which calendar, what happened. */
  detail?: string;
  /** When this was checked, ISO 8601. */
  checkedAt: string;
}

/**
 * `GET /api/console/couplings` (employee): the health of each calendar coupling, checked live (at
 * most every few seconds). Empty when every product uses the balie's own store.
 */
export interface CouplingsResponse {
  couplings: CouplingHealth[];
}
