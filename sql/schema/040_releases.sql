-- Releases (etl/releases.py fills them as the last step of a build): every build is a
-- release. Its id, inputs and code version are build_info keys (release_id, release_inputs,
-- code_version, code_version_from, previous_release_id, release_note); these tables hold the
-- history of releases this file replaced and what changed since the one before it.
-- Columns in the order of etl/releases.py's ReleaseHistory and ReleaseChange
-- (tests/sql/test_schema.py keeps them in step).
CREATE TABLE release_history (
    seq BIGINT PRIMARY KEY,
    release_id VARCHAR,
    built_at VARCHAR,
    code_version VARCHAR,
    extractor_version VARCHAR,
    previous_release_id VARCHAR,
    n_changes BIGINT,
    note VARCHAR NOT NULL
);

CREATE TABLE release_changes (
    kind VARCHAR NOT NULL,
    change VARCHAR NOT NULL,
    row_id VARCHAR NOT NULL,
    field VARCHAR,
    old_value VARCHAR,
    new_value VARCHAR
);
