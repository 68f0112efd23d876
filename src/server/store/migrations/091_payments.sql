-- Payments in the call (issue 16). A bookkeeping record: what was paid, for which fee and product,
-- at which provider, and when. Never a name, a BSN, an IBAN or card data: the provider's checkout
-- holds those. Kept for the fiscal period (BALIE_RETENTION_PAYMENT_DAYS, 7 years).
CREATE TABLE payment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The call it was requested in; the ticket row stays for statistics, but should it go, the
  -- bookkeeping stays.
  ticket_id uuid REFERENCES waiting_ticket (id) ON DELETE SET NULL,
  product text NOT NULL,
  -- The config's fee ids, comma separated; `free` for a free amount.
  fee_ids text NOT NULL,
  description text NOT NULL,
  amount_cents integer NOT NULL CHECK (amount_cents > 0),
  method text NOT NULL CHECK (method IN ('ideal', 'bancontact')),
  provider text NOT NULL,
  -- The provider's id (`tr_…`): the only thing a webhook carries.
  provider_id text NOT NULL UNIQUE,
  checkout_url text,
  status text NOT NULL CHECK (status IN ('open', 'pending', 'authorized', 'paid', 'canceled', 'expired', 'failed')),
  -- The employee's opaque id at the municipality's provider, as in the audit log.
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  refund_id text,
  refunded_at timestamptz
);

-- One open payment per request (per ticket): a second is refused until the first has ended.
CREATE UNIQUE INDEX payment_one_open_per_ticket ON payment (ticket_id)
  WHERE status IN ('open', 'pending', 'authorized');
CREATE INDEX payment_created ON payment (created_at);
