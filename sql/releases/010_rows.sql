-- name: release rows (staging for the diff of two releases)
-- grain: one row per document, registry entry or amount record of one database, every
--        compared field as text (a double as DuckDB prints it: the same number, the same text)
-- params: none; the two databases are ATTACHed read-only as `old` and `new` (etl/releases.py)
-- used-by: 020_diff.sql, `aitrack diff`, the build's release_changes
-- The fields listed here are what a release diff compares; `summary` names an added or
-- removed row in one line and is not compared itself.
CREATE OR REPLACE TEMP MACRO release_documents(db) AS TABLE
WITH
origins AS (
    SELECT document_id, string_agg(origin, ' ; ' ORDER BY origin) AS origins
    FROM query_table(db || '.origins')
    GROUP BY document_id
),
final AS (
    SELECT
        d.document_id AS id,
        concat_ws(' · ', coalesce(CAST(d.published_on AS VARCHAR), 'undated'), d.publisher, d.title) AS summary,
        d.title,
        d.url,
        d.publisher,
        CAST(d.published_on AS VARCHAR) AS published_on,
        d.published_from,
        d.language,
        d.country_code,
        d.fact_ref,
        CAST(d.n_chars AS VARCHAR) AS n_chars,
        o.origins
    FROM query_table(db || '.documents') d
    LEFT JOIN origins o USING (document_id)
)
SELECT * FROM final;

CREATE OR REPLACE TEMP MACRO release_entries(db) AS TABLE
WITH final AS (
    SELECT
        entry_id AS id,
        concat_ws(' ', country_code, kind, '"' || quote || '"') AS summary,
        country_code,
        kind,
        quote,
        CAST(value AS VARCHAR) AS value,
        currency,
        CAST(value_usd AS VARCHAR) AS value_usd,
        CAST(usd_rate AS VARCHAR) AS usd_rate,
        CAST(rate_on AS VARCHAR) AS rate_on,
        rate_source,
        CAST(deadline_year AS VARCHAR) AS deadline_year,
        status,
        CAST(status_on AS VARCHAR) AS status_on,
        CAST(latest AS VARCHAR) AS latest,
        supersedes,
        CAST(n_sources AS VARCHAR) AS n_sources,
        CAST(first_seen AS VARCHAR) AS first_seen,
        CAST(last_seen AS VARCHAR) AS last_seen,
        amount_id,
        document_id,
        authority
    FROM query_table(db || '.registry')
)
SELECT * FROM final;

CREATE OR REPLACE TEMP MACRO release_records(db) AS TABLE
WITH final AS (
    SELECT
        record_id AS id,
        concat_ws(' ', country_code, commitment_kind, '"' || quote || '"') AS summary,
        document_id,
        country_code,
        CAST(published_on AS VARCHAR) AS published_on,
        quote,
        CAST(start AS VARCHAR) AS start,
        CAST("end" AS VARCHAR) AS "end",
        CAST(value AS VARCHAR) AS value,
        CAST(value_min AS VARCHAR) AS value_min,
        CAST(value_max AS VARCHAR) AS value_max,
        currency,
        qualifier,
        CAST(currency_inferred AS VARCHAR) AS currency_inferred,
        CAST(is_headline AS VARCHAR) AS is_headline,
        CAST(value_usd AS VARCHAR) AS value_usd,
        CAST(value_eur AS VARCHAR) AS value_eur,
        CAST(usd_rate AS VARCHAR) AS usd_rate,
        CAST(eur_rate AS VARCHAR) AS eur_rate,
        CAST(rate_on AS VARCHAR) AS rate_on,
        rate_source,
        fx_status,
        fx_note,
        CAST(stated_value AS VARCHAR) AS stated_value,
        stated_currency,
        CAST(implied_rate AS VARCHAR) AS implied_rate,
        check_status,
        CAST(deadline_year AS VARCHAR) AS deadline_year,
        commitment_kind,
        sentence,
        funding,
        extractor_version
    FROM query_table(db || '.v_records')
)
SELECT * FROM final;

-- What changed between two tables of the rows above, matched by id: a row only in `new`
-- is added, only in `old` removed, and a row in both is one line per field that differs
-- (a field empty on one side and set on the other differs too).
CREATE OR REPLACE TEMP MACRO release_row_changes(kind_, old_name, new_name) AS TABLE
WITH
o AS (FROM query_table(old_name)),
n AS (FROM query_table(new_name)),
added AS (
    SELECT kind_ AS kind, 'added' AS change, n.id, NULL AS field, NULL AS old_value, n.summary AS new_value
    FROM n ANTI JOIN o USING (id)
),
removed AS (
    SELECT kind_ AS kind, 'removed' AS change, o.id, NULL AS field, o.summary AS old_value, NULL AS new_value
    FROM o ANTI JOIN n USING (id)
),
differ AS (
    -- rows whose fields are all equal are skipped before the per-field comparison
    SELECT o.id FROM o JOIN n USING (id) WHERE o IS DISTINCT FROM n
),
old_fields AS (
    UNPIVOT (FROM o SEMI JOIN differ USING (id)) ON COLUMNS(* EXCLUDE (id, summary)) INTO NAME field VALUE val
),
new_fields AS (
    UNPIVOT (FROM n SEMI JOIN differ USING (id)) ON COLUMNS(* EXCLUDE (id, summary)) INTO NAME field VALUE val
),
changed AS (
    SELECT kind_ AS kind, 'changed' AS change, id, field, f.val AS old_value, t.val AS new_value
    FROM old_fields f FULL JOIN new_fields t USING (id, field)
    WHERE f.val IS DISTINCT FROM t.val
),
final AS (
    FROM added UNION ALL FROM removed UNION ALL FROM changed
)
SELECT * FROM final;

CREATE OR REPLACE TEMP VIEW old_release_documents AS FROM release_documents('old');
CREATE OR REPLACE TEMP VIEW new_release_documents AS FROM release_documents('new');
CREATE OR REPLACE TEMP VIEW old_release_entries AS FROM release_entries('old');
CREATE OR REPLACE TEMP VIEW new_release_entries AS FROM release_entries('new');
CREATE OR REPLACE TEMP VIEW old_release_records AS FROM release_records('old');
CREATE OR REPLACE TEMP VIEW new_release_records AS FROM release_records('new');
