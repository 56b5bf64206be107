-- Each entry's status from its evidence (050 wrote the cue rungs), and what the analyst must
-- see about it.
--  * announced: every source of the entry, its evidence the record's own figure.
--  * registry.status is the highest rung with evidence; status_on is the publication date of
--    the latest source with evidence for that rung (as of when it was last reported). Between
--    achieved and missed (both rank 5) the later source wins, and a status_conflict check row
--    (warn) says the sources disagree.
--  * deadline_passed (info): a latest entry whose deadline year is before the year of the
--    build's newest document (the corpus's own as-of date, not the clock, so the same inputs
--    give the same rows) and that has no achieved or missed evidence. Never made "missed".
INSERT INTO registry_status
WITH
firsts AS (  -- a source's first record of the entry
    SELECT * FROM registry_members
    QUALIFY row_number() OVER (PARTITION BY entry_id, document_id ORDER BY start, unique_id) = 1
),
final AS (
    SELECT left(sha256(concat_ws(chr(31), 'status', entry_id, 'announced', document_id)), 16) AS status_id,
           entry_id, 'announced' AS rung, 1 AS rank, document_id, quote, start, "end", published_on,
           'figure' AS cue, (SELECT value FROM build_info WHERE key = 'extractor_version') AS extractor_version
    FROM firsts
)
SELECT * FROM final;

UPDATE registry SET status = s.rung, status_on = s.published_on
FROM (
    SELECT entry_id, rung, published_on FROM registry_status
    QUALIFY row_number() OVER (PARTITION BY entry_id
                               ORDER BY rank DESC, published_on DESC NULLS LAST, rung, document_id) = 1
) s
WHERE registry.entry_id = s.entry_id;

INSERT INTO checks
WITH
as_of AS (SELECT max(published_on) AS on_ FROM documents),
outcomes AS (
    SELECT entry_id, list(DISTINCT rung ORDER BY rung) AS rungs,
           string_agg(rung || ' in ' || document_id || coalesce(' (' || published_on || ')', '') || ': "' || quote || '"',
                      '; ' ORDER BY rung, published_on, document_id) AS said
    FROM registry_status WHERE rung IN ('achieved', 'missed') GROUP BY entry_id
),
passed AS (
    SELECT r.*, a.on_ AS as_of_on FROM registry r CROSS JOIN as_of a
    WHERE r.latest AND r.deadline_year < year(a.on_) AND r.entry_id NOT IN (SELECT entry_id FROM outcomes)
),
conflicts AS (SELECT r.*, o.said FROM registry r JOIN outcomes o USING (entry_id) WHERE len(o.rungs) > 1),
unioned AS (
    SELECT p.entry_id, p.document_id, p.amount_id, p.quote, 'deadline_passed' AS "check", 'info' AS status,
           format('registry entry {}: its deadline year {} is before {}, the year of the newest document in this '
                  'build ({}), and no source says it was achieved or missed; status stays {}',
                  p.entry_id, p.deadline_year, year(p.as_of_on), p.as_of_on, p.status) AS detail
    FROM passed p
    UNION ALL
    SELECT c.entry_id, c.document_id, c.amount_id, c.quote, 'status_conflict', 'warn',
           format('registry entry {}: sources disagree on the outcome ({}); the status shows {}, from the latest',
                  c.entry_id, c.said, c.status)
    FROM conflicts c
),
final AS (
    SELECT left(sha256(concat_ws(chr(31), u.document_id, 'check', u."check", u.entry_id)), 16) AS check_id,
           u.document_id, u."check", u.status, u.detail, u.quote AS subject, a.start, a."end",
           NULL::DOUBLE AS implied_rate, NULL::DOUBLE AS reference_rate, NULL::DOUBLE AS difference_pct,
           NULL AS rate_source, NULL AS rate_on,
           (SELECT value FROM build_info WHERE key = 'extractor_version') AS extractor_version
    FROM unioned u LEFT JOIN amounts a USING (amount_id)
)
SELECT * FROM final;
