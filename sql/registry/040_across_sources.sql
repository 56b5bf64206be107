-- Sources of one entry that disagree: one `across_sources` check row per disagreement, with
-- the arithmetic. The entry keeps its own figure, deadline and dates; nothing is averaged.
--  * figure or currency, against the record the entry shows (its most authoritative source):
--    a difference within the printed rounding ("11 trillion" against "11,2 трлн") is info;
--    beyond it, or another currency, is a warning.
--  * deadline year, against the same record, years apart (warn): "by 2029" against "by 2030".
--  * deadline date: the same year, but both sources give a month or a day and they differ,
--    days apart (warn): "by March 2030" against "by June 2030". A year against a month of the
--    same year ("by 2030", "by March 2030") is more precision, not a disagreement.
--  * announcement date: the day a source's sentence says the pledge was made (a day-grain
--    date in the record's sentence, not after its publication: "said on Wednesday"), against
--    the most authoritative source that gives one, days apart (warn): two sources dating the
--    same announcement differently, one of them is wrong (or it was made twice).
INSERT INTO checks
WITH
chosen AS (SELECT * FROM registry_members WHERE authority_order = 1),
others AS (
    SELECT m.*, c.value AS c_value, c.currency AS c_currency, c.deadline_year AS c_deadline,
           c.quote AS c_quote, c.publisher AS c_publisher, c.tier AS c_tier, c.value_tolerance AS c_tolerance,
           c.unique_id AS c_id
    FROM registry_members m JOIN chosen c USING (entry_id)
    WHERE m.document_id <> c.document_id
      AND m.record_type = 'amount'  -- the arithmetic is of figures; entries without one have none
),
deadline_of AS (  -- the deadline 010 read for the record ("by 2030" within 200 characters, the nearest)
    SELECT m.unique_id, arg_min(dl.quote, abs(dl.start - m.start)) AS quote,
           arg_min(dl.deadline_on, abs(dl.start - m.start)) AS deadline_on,
           arg_min(dl.precision, abs(dl.start - m.start)) AS precision,
           arg_min(dl.year, abs(dl.start - m.start)) AS year,
           arg_min(dl.start, abs(dl.start - m.start)) AS start, arg_min(dl."end", abs(dl.start - m.start)) AS "end"
    FROM registry_members m JOIN deadlines dl
      ON dl.document_id = m.document_id AND dl.year IS NOT NULL AND abs(dl.start - m.start) <= 200
    GROUP BY m.unique_id
),
value_rows AS (
    SELECT *,
        CASE WHEN currency IS DISTINCT FROM c_currency THEN 'currency'
             WHEN abs(value - c_value) > 1e-9 * abs(c_value) THEN 'figure' END AS what,
        100 * (value - c_value) / nullif(c_value, 0) AS difference_pct
    FROM others
),
value_checks AS (
    SELECT
        left(sha256(concat_ws(chr(31), document_id, 'check', 'across_sources', entry_id, unique_id)), 16) AS check_id,
        document_id,
        CASE WHEN what = 'figure' AND abs(value - c_value) <= greatest(value_tolerance, c_tolerance)
             THEN 'info' ELSE 'warn' END AS status,
        format('registry entry {}: {} gives {} ({} {:,.0f}) but the entry shows {} ({} {:,.0f}) from {} ({}); ',
               entry_id, coalesce(publisher, document_id), quote, coalesce(currency, '?'), value,
               c_quote, coalesce(c_currency, '?'), c_value, coalesce(c_publisher, 'an unnamed publisher'), c_tier)
        || CASE what
             WHEN 'currency' THEN format('currencies differ ({} against {}), so the figures are not compared',
                                         coalesce(currency, '?'), coalesce(c_currency, '?'))
             ELSE format('{:,.0f} - {:,.0f} = {:,.0f}, {:.2f}% of the entry''s figure, {} the printed '
                         'rounding (+/- {:,.0f})',
                         value, c_value, value - c_value, difference_pct,
                         CASE WHEN abs(value - c_value) <= greatest(value_tolerance, c_tolerance)
                              THEN 'within' ELSE 'beyond' END,
                         greatest(value_tolerance, c_tolerance)) END AS detail,
        quote AS subject, start, "end",
        CASE WHEN what = 'figure' THEN difference_pct END AS difference_pct
    FROM value_rows
    WHERE what IS NOT NULL
),
deadline_checks AS (
    SELECT
        left(sha256(concat_ws(chr(31), o.document_id, 'check', 'across_sources', o.entry_id, o.unique_id,
                              'deadline')), 16) AS check_id,
        o.document_id, 'warn' AS status,
        format('registry entry {}: {} gives the deadline {}{} but the entry''s {} ({}) gives {}{}: {} year{} apart',
               o.entry_id, coalesce(o.publisher, o.document_id), o.deadline_year,
               coalesce(' ("' || dm.quote || '")', ''), coalesce(o.c_publisher, 'an unnamed publisher'), o.c_tier,
               o.c_deadline, coalesce(' ("' || dc.quote || '")', ''), abs(o.deadline_year - o.c_deadline),
               CASE WHEN abs(o.deadline_year - o.c_deadline) = 1 THEN '' ELSE 's' END) AS detail,
        -- the deadline it doubts, where the record's deadline is that one (else the record's figure)
        CASE WHEN dm.year = o.deadline_year THEN dm.quote ELSE o.quote END AS subject,
        CASE WHEN dm.year = o.deadline_year THEN dm.start ELSE o.start END AS start,
        CASE WHEN dm.year = o.deadline_year THEN dm."end" ELSE o."end" END AS "end",
        NULL::DOUBLE AS difference_pct
    FROM others o
    LEFT JOIN deadline_of dm ON dm.unique_id = o.unique_id
    LEFT JOIN deadline_of dc ON dc.unique_id = o.c_id
    WHERE o.deadline_year IS NOT NULL AND o.c_deadline IS NOT NULL AND o.deadline_year <> o.c_deadline
),
deadline_date_checks AS (
    SELECT
        left(sha256(concat_ws(chr(31), o.document_id, 'check', 'across_sources', o.entry_id, o.unique_id,
                              'deadline_on')), 16) AS check_id,
        o.document_id, 'warn' AS status,
        format('registry entry {}: {} gives the deadline {} ("{}") but the entry''s {} ({}) gives {} ("{}"): '
               '{} days apart',
               o.entry_id, coalesce(o.publisher, o.document_id), dm.deadline_on, dm.quote,
               coalesce(o.c_publisher, 'an unnamed publisher'), o.c_tier, dc.deadline_on, dc.quote,
               abs(date_diff('day', dc.deadline_on, dm.deadline_on))) AS detail,
        dm.quote AS subject, dm.start, dm."end", NULL::DOUBLE AS difference_pct
    FROM others o
    JOIN deadline_of dm ON dm.unique_id = o.unique_id
    JOIN deadline_of dc ON dc.unique_id = o.c_id
    WHERE dm.precision IN ('month', 'day') AND dc.precision IN ('month', 'day')
      AND dm.year = dc.year AND dm.deadline_on <> dc.deadline_on
      AND dm.year = o.deadline_year AND dc.year = o.c_deadline
),
announced AS (  -- the date a source's sentence gives for the announcement, one per source of an entry
    SELECT s.entry_id, s.document_id, s.unique_id, m.publisher, m.tier, m.authority_order,
           CAST(dt.value AS DATE) AS announced_on, dt.quote, dt.start, dt."end"
    FROM registry_sentences s
    JOIN registry_members m USING (unique_id)
    JOIN dates dt ON dt.document_id = s.document_id AND dt.grain = 'day' AND dt.resolved
     AND dt.start >= s.sentence_start AND dt."end" <= s.sentence_end
    WHERE s.published_on IS NULL OR CAST(dt.value AS DATE) <= s.published_on
    QUALIFY row_number() OVER (PARTITION BY s.entry_id, s.document_id
                               ORDER BY m.start, abs(dt.start - m.start), dt.start) = 1
),
first_dated AS (  -- the most authoritative source that dates it
    SELECT * FROM announced
    QUALIFY row_number() OVER (PARTITION BY entry_id ORDER BY authority_order, document_id) = 1
),
announced_checks AS (
    SELECT
        left(sha256(concat_ws(chr(31), a.document_id, 'check', 'across_sources', a.entry_id, a.unique_id,
                              'announced_on')), 16) AS check_id,
        a.document_id, 'warn' AS status,
        format('registry entry {}: {} dates the announcement {} ("{}") but {} ({}) dates it {} ("{}"): {} day{} apart',
               a.entry_id, coalesce(a.publisher, a.document_id), a.announced_on, a.quote,
               coalesce(f.publisher, 'an unnamed publisher'), f.tier, f.announced_on, f.quote,
               abs(date_diff('day', f.announced_on, a.announced_on)),
               CASE WHEN abs(date_diff('day', f.announced_on, a.announced_on)) = 1 THEN '' ELSE 's' END) AS detail,
        a.quote AS subject, a.start, a."end", NULL::DOUBLE AS difference_pct
    FROM announced a JOIN first_dated f USING (entry_id)
    WHERE a.document_id <> f.document_id AND a.announced_on <> f.announced_on
),
unioned AS (
    SELECT * FROM value_checks UNION ALL SELECT * FROM deadline_checks
    UNION ALL SELECT * FROM deadline_date_checks UNION ALL SELECT * FROM announced_checks
),
final AS (
    SELECT check_id, document_id, 'across_sources' AS "check", status, detail, subject, start, "end",
           NULL::DOUBLE AS implied_rate, NULL::DOUBLE AS reference_rate, difference_pct,
           NULL AS rate_source, NULL AS rate_on,
           (SELECT value FROM build_info WHERE key = 'extractor_version') AS extractor_version
    FROM unioned
)
SELECT * FROM final;
