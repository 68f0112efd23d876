-- Documents in the call (issue 15). A document exists here only once it was checked: typed by its
-- bytes, re-encoded (images) or scanned clean (PDFs). Its content is encrypted at rest with a key of
-- its own (AES-256-GCM), sealed with the server's key; the content lives behind a storage interface
-- (documents/document-content.ts), in Postgres by default.
CREATE TABLE call_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id uuid NOT NULL REFERENCES waiting_ticket (id) ON DELETE CASCADE,
  sender text NOT NULL CHECK (sender IN ('citizen', 'employee', 'interpreter')),
  -- The name as sent (cleaned): it can say who it is about, so retention clears it.
  name text,
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  has_thumbnail boolean NOT NULL DEFAULT false,
  -- The file's own key, sealed with the server's (secret-seal.ts); cleared by retention, so even
  -- a copy of the content made before the purge opens nothing afterwards.
  sealed_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Set by retention: the link answers 410 from then on.
  purged_at timestamptz
);
CREATE INDEX call_document_ticket ON call_document (ticket_id, created_at);

-- The encrypted bytes: `iv (12) ‖ tag (16) ‖ ciphertext`, one row per part.
CREATE TABLE call_document_content (
  document_id uuid NOT NULL REFERENCES call_document (id) ON DELETE CASCADE,
  part text NOT NULL CHECK (part IN ('file', 'thumbnail')),
  sealed bytea NOT NULL,
  PRIMARY KEY (document_id, part)
);

-- The employee lets the interpreter in this call send documents (default: not).
ALTER TABLE waiting_ticket ADD COLUMN guests_send_documents boolean NOT NULL DEFAULT false;
