-- Hand-over (issue #6): an employee passes a waiting citizen to a named colleague, who is then the
-- only one who may admit them. The colleague's opaque id, and the name to show in the queue.
ALTER TABLE waiting_ticket
  ADD COLUMN assigned_to text,
  ADD COLUMN assigned_name text CHECK (char_length(assigned_name) <= 200);
