-- Tables, one per record model in etl/models.py, columns in the models' field order
-- (tests/sql/test_schema.py keeps them in step). Applied in file order to an empty
-- database by `aitrack build`.

CREATE TABLE documents (
    document_id VARCHAR PRIMARY KEY,
    title VARCHAR,
    url VARCHAR,
    publisher VARCHAR,
    published_on DATE,
    published_from VARCHAR,
    undated BOOLEAN NOT NULL,
    language VARCHAR NOT NULL,
    country_code VARCHAR,
    fact_ref VARCHAR,
    text VARCHAR NOT NULL,
    n_chars BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL
);

CREATE TABLE origins (
    document_id VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    PRIMARY KEY (document_id, origin)
);

CREATE TABLE amounts (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    amount_id VARCHAR PRIMARY KEY,
    value DOUBLE,
    value_min DOUBLE,
    value_max DOUBLE,
    currency VARCHAR,
    currency_raw VARCHAR,
    currency_inferred BOOLEAN NOT NULL,
    qualifier VARCHAR NOT NULL,
    scale VARCHAR,
    bracketed BOOLEAN NOT NULL,
    is_headline BOOLEAN NOT NULL,
    country_code VARCHAR,
    published_on DATE,
    value_usd DOUBLE,
    value_eur DOUBLE,
    usd_rate DOUBLE,
    eur_rate DOUBLE,
    rate_on DATE,
    rate_source VARCHAR,
    fx_status VARCHAR NOT NULL,
    fx_note VARCHAR,
    funding VARCHAR NOT NULL,
    funding_quote VARCHAR,
    funding_start BIGINT,
    funding_end BIGINT
);

CREATE TABLE rates (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    rate_id VARCHAR PRIMARY KEY,
    base_currency VARCHAR NOT NULL,
    quote_currency VARCHAR NOT NULL,
    rate DOUBLE NOT NULL
);

CREATE TABLE conversions (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    conversion_id VARCHAR PRIMARY KEY,
    from_amount_id VARCHAR NOT NULL,
    to_amount_id VARCHAR NOT NULL,
    from_value DOUBLE NOT NULL,
    from_currency VARCHAR,
    to_value DOUBLE NOT NULL,
    to_currency VARCHAR,
    implied_rate DOUBLE
);

CREATE TABLE dates (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    date_id VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL,
    grain VARCHAR NOT NULL,
    relative BOOLEAN NOT NULL,
    resolved BOOLEAN NOT NULL
);

CREATE TABLE deadlines (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    deadline_id VARCHAR PRIMARY KEY,
    year BIGINT,
    deadline_on DATE,
    precision VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,
    country_code VARCHAR,
    binds VARCHAR,
    binds_quote VARCHAR,
    amount_id VARCHAR,
    target_id VARCHAR,
    commitment_id VARCHAR
);

CREATE TABLE percentages (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    percentage_id VARCHAR PRIMARY KEY,
    value DOUBLE NOT NULL
);

CREATE TABLE targets (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    target_id VARCHAR PRIMARY KEY,
    metric VARCHAR NOT NULL,
    comparator VARCHAR NOT NULL,
    value DOUBLE,
    currency VARCHAR,
    year BIGINT,
    amount_id VARCHAR,
    country_code VARCHAR,
    unit VARCHAR,
    value_quote VARCHAR,
    value_start BIGINT,
    value_end BIGINT
);

CREATE TABLE actors (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    actor_id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    code VARCHAR,
    name VARCHAR NOT NULL
);

CREATE TABLE commitments (
    document_id VARCHAR NOT NULL,
    quote VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    "end" BIGINT NOT NULL,
    extractor_version VARCHAR NOT NULL,
    commitment_id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    sentence VARCHAR NOT NULL,
    country_code VARCHAR,
    amount_id VARCHAR
);

CREATE TABLE checks (
    check_id VARCHAR PRIMARY KEY,
    document_id VARCHAR,
    "check" VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    detail VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    start BIGINT,
    "end" BIGINT,
    implied_rate DOUBLE,
    reference_rate DOUBLE,
    difference_pct DOUBLE,
    rate_source VARCHAR,
    rate_on VARCHAR,
    extractor_version VARCHAR NOT NULL
);

CREATE TABLE rejects (
    reject_id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    file_sha256 VARCHAR,
    extractor_version VARCHAR NOT NULL
);
