-- The analysts' review decisions a build applied (etl/reviews.py reads data/reviews/corrections.csv
-- or --reviews): one row per decision used, with the value the extraction gave (`old`) beside the
-- reviewer's (`new`), and one row per decision whose target this build does not have, with why.
-- Neither is ever empty of a decision the file holds: each one is applied or an orphan.
CREATE TABLE corrections_applied (
    review_id VARCHAR PRIMARY KEY,   -- the decision's id in the review file
    "at" VARCHAR NOT NULL,             -- when it was made (UTC ISO time)
    reviewer VARCHAR NOT NULL,
    target_kind VARCHAR NOT NULL,    -- amount, check or entry
    target_id VARCHAR NOT NULL,      -- the id the decision names
    applied_to VARCHAR NOT NULL,     -- the id it was applied to in this build (the same unless found again)
    matched_by VARCHAR NOT NULL,     -- 'id', or 'document and quote' when the id had changed
    document_id VARCHAR,
    quote VARCHAR,
    action VARCHAR NOT NULL,         -- accept, correct, reject, merge, split
    field VARCHAR,                   -- the corrected field (a check's name for a check)
    old VARCHAR,                     -- what the extraction gave in this build (the original, kept)
    new VARCHAR,                     -- what the reviewer set (empty: none)
    recorded_old VARCHAR,            -- what the reviewer saw when deciding
    reason VARCHAR NOT NULL,
    superseded_by VARCHAR,           -- a later decision on the same field that replaced this one
    note VARCHAR                     -- e.g. the extraction changed since the review
);

CREATE TABLE review_orphans (
    review_id VARCHAR PRIMARY KEY,
    "at" VARCHAR NOT NULL,
    reviewer VARCHAR NOT NULL,
    target_kind VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL,
    document_id VARCHAR,
    quote VARCHAR,
    action VARCHAR NOT NULL,
    field VARCHAR,
    old VARCHAR,
    new VARCHAR,
    reason VARCHAR NOT NULL,
    why VARCHAR NOT NULL             -- why its target was not found: never dropped, never guessed
);
