-- LiveKit webhook events already handled, by LiveKit's event id: a replayed webhook (same id,
-- valid signature) must change nothing. Purged with the rest after the retention period.
CREATE TABLE livekit_webhook_event (
  id text PRIMARY KEY,
  event text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
