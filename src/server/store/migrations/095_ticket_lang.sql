-- The language the citizen's widget speaks (issue 16): a payment asked in the call sends the
-- checkout tab back to a page in that language. NULL for a ticket from before: Dutch.
ALTER TABLE waiting_ticket ADD COLUMN lang text CHECK (lang IN ('nl', 'en', 'fr'));
