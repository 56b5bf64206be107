-- The commitment registry (etl/registry.py fills them after the fact tables are loaded):
-- one row per commitment, however many documents retell it, and one link row per record
-- that was merged into it. An entry shows one record: an amount, or, for a commitment
-- or target that names no amount, that mention (value NULL); exactly one of amount_id,
-- target_id, commitment_id is set. Columns in the order of etl/models.py's RegistryEntry and
-- RegistryLink (tests/sql/test_schema.py keeps them in step).
CREATE TABLE registry (
    entry_id VARCHAR PRIMARY KEY,
    country_code VARCHAR NOT NULL,
    kind VARCHAR,
    quote VARCHAR NOT NULL,
    value DOUBLE,
    currency VARCHAR,
    value_usd DOUBLE,
    usd_rate DOUBLE,
    rate_on DATE,
    rate_source VARCHAR,
    deadline_year BIGINT,
    status VARCHAR NOT NULL,
    status_on DATE,
    latest BOOLEAN NOT NULL,
    supersedes VARCHAR,
    n_sources BIGINT NOT NULL,
    first_seen DATE,
    last_seen DATE,
    amount_id VARCHAR,
    target_id VARCHAR,
    commitment_id VARCHAR,
    document_id VARCHAR NOT NULL,
    authority VARCHAR NOT NULL
);

CREATE TABLE registry_links (
    link_id VARCHAR PRIMARY KEY,
    entry_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    amount_id VARCHAR,
    target_id VARCHAR,
    commitment_id VARCHAR,
    document_id VARCHAR NOT NULL,
    matched_to VARCHAR,
    match_weight DOUBLE,
    reasons VARCHAR NOT NULL
);

-- The status ladder's evidence (sql/registry/050_status_cues.sql and 055_status.sql): one row
-- per rung an entry reached per source, with the cue as quoted and its offsets, so
-- documents.text[start:end] = quote (sql/checks/010). registry.status is its highest rung.
CREATE TABLE registry_status (
    status_id VARCHAR PRIMARY KEY,
    entry_id VARCHAR NOT NULL,
    rung VARCHAR NOT NULL,
    rank INTEGER NOT NULL,
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    published_on DATE,
    cue VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);
