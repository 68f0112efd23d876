/**
 * How long each kind of personal data is kept (AVG/GDPR, issue #7), in days; fractions allowed.
 * Short by default: nothing here is needed once the call it served is over.
 */
export interface RetentionPeriods {
  /**
   * A verified identity (the BSN, name, level of assurance) and everything hanging off it
   * (sessions, hand-off codes), after its last use: its newest session or hand-off code expired
   * and every ticket that carried it ended.
   */
  identityDays: number;
  /**
   * OIDC logins in progress (state, nonce, PKCE verifier, and what the citizen filled in before
   * the redirect: name, e-mail) after they expired or were used, and the filled-in part of a
   * one-time code nobody exchanged or that a cancelled login handed back.
   */
  oidcFlowDays: number;
  /** Used authorization codes, kept to refuse a replayed one. */
  oidcDays: number;
  /** An ended ticket's link to the person: their verified identity and LiveKit identity. */
  ticketLinkDays: number;
  /** Guest (interpreter) invites, once expired and their call is over. */
  guestInviteDays: number;
  /** The free-text comment of call feedback (the score stays, it holds nothing personal). */
  feedbackCommentDays: number;
  /** Ids of handled LiveKit webhooks, kept to refuse a replay. */
  webhookDays: number;
  /** The audit log itself. */
  auditDays: number;
  /**
   * A booking's personal details (name, e-mail, phone, its identity) after the appointment's end.
   * Comes from the config's `privacy.keepDays`, which the consent step quotes to the citizen.
   */
  bookingDays: number;
  /** The employee's free-text note on a call (the outcome code stays, for first-time-right). */
  noteDays: number;
  /**
   * Payment records (amount, fee, provider id, times; no person) after they were made: the
   * fiscal period, 7 years by default.
   */
  paymentDays: number;
  /**
   * Documents sent in a call (issue 15), after the call ended: their content, name and key.
   * The row stays (type, size, times) so its link answers 410.
   */
  documentDays: number;
}

/** Defaults of {@link RetentionPeriods}. */
export const DEFAULT_RETENTION_PERIODS: RetentionPeriods = {
  identityDays: 1,
  // An hour after the login was finished or abandoned: nothing in it is of use any more, and the
  // resume holds a name and an e-mail address.
  oidcFlowDays: 1 / 24,
  oidcDays: 1,
  ticketLinkDays: 1,
  guestInviteDays: 1,
  feedbackCommentDays: 30,
  // LiveKit retries a webhook for minutes, not days; a week is ample against replays.
  webhookDays: 7,
  // Long enough for a citizen's request "who looked at my data?" or a complaint to be answered.
  auditDays: 365,
  // What the consent step says when the config has no `privacy.keepDays`.
  bookingDays: 30,
  // Long enough for a follow-up appointment to find what was said; the outcome code stays.
  noteDays: 90,
  // The fiscal retention period (Algemene wet inzake rijksbelastingen, art. 52): 7 years.
  paymentDays: 2557,
  // Long enough for the employee to file a document after the call, short enough that a copy of
  // a passport does not linger (issue 15).
  documentDays: 7,
};

/**
 * One line of the retention table: rows of `table` whose `since` lies more than the `period`
 * ago, and that meet `where`, are deleted — or, with `clear`, keep their row and lose those
 * columns. SQL fragments are ours, never input; they may name the table's columns and refer to
 * the row as `<table>.<column>` in subqueries.
 */
export interface RetentionRule {
  /** Key of this rule's count in the `retention.purged` audit entry. */
  name: string;
  table: string;
  /** When the row was last needed: a timestamp expression; NULL means "still needed". */
  since: string;
  period: keyof RetentionPeriods;
  /** What a row must also meet. With `clear`, it must exclude rows already cleared. */
  where?: string;
  /** A `SET` list (`col = NULL, …`): clear these instead of deleting the row. */
  clear?: string;
}

/**
 * What is purged, and when: the one deletion policy for identity data (routes end sessions, but
 * never delete a login, a flow or a code on the side). A booking keeps its row (the figures count appointments and no-shows)
 * but loses who it was for; an identity waits for its bookings as it waits for its tickets.
 */
export const RETENTION_RULES: readonly RetentionRule[] = [
  { name: 'payments', table: 'payment', since: 'created_at', period: 'paymentDays' },
  {
    name: 'identityLogins',
    table: 'identity_login',
    // GREATEST skips NULLs; a ticket that has not ended counts as used until forever.
    since: `GREATEST(identity_login.created_at,
      (SELECT max(LEAST(s.expires_at, s.last_used_at + make_interval(secs => s.idle_seconds)))
        FROM identity_session s WHERE s.login_id = identity_login.id),
      (SELECT max(h.expires_at) FROM identity_handoff h WHERE h.login_id = identity_login.id),
      (SELECT max(COALESCE(t.ended_at, 'infinity')) FROM waiting_ticket t
        WHERE t.identity_login_id = identity_login.id),
      (SELECT max(CASE WHEN b.state IN ('booked', 'waiting', 'in-call') THEN 'infinity'
          ELSE b.slot_end END) FROM booking b WHERE b.identity_login_id = identity_login.id))`,
    period: 'identityDays',
  },
  {
    name: 'oidcFlows',
    table: 'identity_flow',
    since: 'GREATEST(used_at, expires_at)',
    period: 'oidcFlowDays',
  },
  {
    name: 'oidcHandoffResumes',
    table: 'identity_handoff',
    since: 'expires_at',
    period: 'oidcFlowDays',
    where: 'resume IS NOT NULL',
    clear: 'resume = NULL',
  },
  {
    name: 'oidcRefusedResumes',
    table: 'identity_resume_handoff',
    since: 'expires_at',
    period: 'oidcFlowDays',
  },
  { name: 'oidcUsedCodes', table: 'identity_used_code', since: 'used_at', period: 'oidcDays' },
  {
    name: 'ticketLinks',
    table: 'waiting_ticket',
    since: 'ended_at',
    period: 'ticketLinkDays',
    where: `state = 'ended' AND (identity_login_id IS NOT NULL OR citizen_identity IS NOT NULL
      OR assigned_name IS NOT NULL)`,
    // The name of the colleague it was handed to goes too; the opaque employee ids stay (figures).
    clear: 'identity_login_id = NULL, citizen_identity = NULL, assigned_name = NULL',
  },
  {
    name: 'guestInvites',
    table: 'guest_invite',
    since: 'expires_at',
    period: 'guestInviteDays',
    where: `NOT EXISTS (SELECT 1 FROM waiting_ticket t
      WHERE t.id = guest_invite.ticket_id AND t.state <> 'ended')`,
  },
  {
    name: 'feedbackComments',
    table: 'call_feedback',
    since: 'created_at',
    period: 'feedbackCommentDays',
    where: 'comment IS NOT NULL',
    clear: 'comment = NULL',
  },
  {
    name: 'bookingDetails',
    table: 'booking',
    since: `CASE WHEN state IN ('booked', 'waiting', 'in-call') THEN NULL ELSE slot_end END`,
    period: 'bookingDays',
    where: 'details_purged_at IS NULL',
    // The request hash too: it is a hash of the name and e-mail address, so it would confirm a
    // guessed one. `details_purged_at` makes the manage link answer 410 `booking_purged`.
    clear: `name = '', email = '', phone = NULL, identity_login_id = NULL, reminder_secret = NULL,
      request_hash = '', details_purged_at = now()`,
  },
  {
    // A mail the outbox never delivered still holds the name, the address and a manage link
    // (issue 14, #10): it goes with its booking's details. A sent mail's body is gone already.
    name: 'bookingMails',
    table: 'mail_outbox',
    since: `(SELECT CASE WHEN b.state IN ('booked', 'waiting', 'in-call') THEN NULL ELSE b.slot_end END
      FROM booking b WHERE b.id = mail_outbox.booking_id)`,
    period: 'bookingDays',
    where: 'message IS NOT NULL',
    clear: 'message = NULL',
  },
  {
    name: 'callNotes',
    table: 'ticket_outcome',
    since: 'updated_at',
    period: 'noteDays',
    where: 'note IS NOT NULL',
    clear: 'note = NULL',
  },
  {
    // Documents go a set time after their call ended; a call still on keeps them (NULL).
    name: 'documentContents',
    table: 'call_document_content',
    since: `(SELECT t.ended_at FROM call_document d JOIN waiting_ticket t ON t.id = d.ticket_id
      WHERE d.id = call_document_content.document_id)`,
    period: 'documentDays',
  },
  {
    name: 'documents',
    table: 'call_document',
    since: '(SELECT t.ended_at FROM waiting_ticket t WHERE t.id = call_document.ticket_id)',
    period: 'documentDays',
    where: 'purged_at IS NULL',
    clear: 'name = NULL, sealed_key = NULL, purged_at = now()',
  },
  { name: 'webhookIds', table: 'livekit_webhook_event', since: 'received_at', period: 'webhookDays' },
  { name: 'auditEntries', table: 'audit_log', since: 'at', period: 'auditDays' },
];
