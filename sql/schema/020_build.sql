-- What a build was made from: version, time, input files with hashes (key/value),
-- and the reference-rate sources it could use. Exports copy these into their manifest.
CREATE TABLE build_info (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE fx_sources (
    source VARCHAR NOT NULL,
    currency VARCHAR NOT NULL,
    first_on DATE,
    last_on DATE
);
