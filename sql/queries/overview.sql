-- name: overview
-- grain: one row: the headline numbers, counted per registry entry (one commitment however many sources
--        retell it), latest entries only (a superseded pledge is counted once, as its latest figure)
-- params: $as_of (date or null: today)
-- used-by: the Overview page
WITH
latest AS (SELECT * FROM filtered_entries([], [], [], [], NULL, NULL, false, [], true)),
entries AS (
    SELECT
        count(DISTINCT country_code) AS countries,
        count(*) AS entries,
        count(*) FILTER (WHERE headline) AS commitments,
        sum(value_usd) FILTER (WHERE headline) AS total_usd,
        count(*) FILTER (WHERE headline AND value_usd IS NULL) AS not_converted,
        count(*) FILTER (WHERE headline AND value IS NULL) AS no_value
    FROM latest
),
final AS (
    SELECT
        entries.*,
        (SELECT count(*) FROM registry WHERE NOT latest) AS superseded,
        (SELECT count(*) FROM v_records) AS mentions,
        (SELECT count(DISTINCT year) FROM deadlines
          WHERE year >= year(coalesce(CAST($as_of AS DATE), current_date))) AS upcoming_deadline_years,
        (SELECT count(*) FROM documents) AS documents,
        (SELECT count(*) FROM rejects) AS rejects,
        (SELECT count(*) FROM checks WHERE status = 'fail') AS failed_checks
    FROM entries
)
SELECT * FROM final
