-- One answer per call to "how was the conversation?", for the satisfaction figure (issue #5).
CREATE TABLE call_feedback (
  ticket_id uuid PRIMARY KEY REFERENCES waiting_ticket (id) ON DELETE CASCADE,
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text CHECK (char_length(comment) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now()
);
