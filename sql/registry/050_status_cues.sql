-- The status ladder's cues, read in the sentence of each of an entry's records. Run by
-- etl/registry.py once per language of data/reference/status_cues.csv, with that language's
-- cues bound as one pattern per rung ($in_plan, $in_law, $funded, $achieved, $missed: the
-- CSV's patterns as alternatives, whole words, case-insensitive; group 1 is the text before
-- the cue, group 2 the cue) and its voids ($void_before, $void_after).
--
-- The ladder: announced (1, every record: 055) -> in_plan (2, in a strategy or plan
-- document) -> in_law (3, in a law or a budget) -> funded (4, allocated, disbursed, spent)
-- -> achieved / missed (5, the outcome at the deadline).
--
-- Rules:
--  * Only the sentence of the entry's own record counts: a cue elsewhere in the document may
--    be about another commitment ("The budget allocates C$50 million to housing." beside the
--    AI pledge is not the AI pledge's budget line).
--  * A cue with a void in its own clause (after the last , ; : ( or dash) does not count: in
--    the last 6 words before it ("will be included in the budget", "has not been allocated",
--    "the upcoming budget") or the next 4 after it ("в федеральном бюджете будет
--    предусмотрено"). The future and the negated are not yet; we do not guess they will be.
--  * missed needs a deadline year before the year of the source that says so: a pledge
--    "falling short" before its deadline has not missed it. The calendar alone never makes
--    an entry missed (055 flags a passed deadline without an outcome instead).
--  * A sentence with figures of two records: a cue belongs to the nearer figure.
--  * Only the first match of a rung in a sentence is read; one row per rung, entry and source
--    (its earliest cue).
INSERT INTO registry_status
WITH
sentences AS (
    SELECT s.*, r.deadline_year FROM registry_sentences s JOIN registry r USING (entry_id)
    WHERE s.language = $lang
),
hits AS (
    SELECT *, 'in_plan' AS rung, 2 AS rank, regexp_extract(sentence, $in_plan, ['before', 'cue']) AS m
    FROM sentences
    UNION ALL
    SELECT *, 'in_law', 3, regexp_extract(sentence, $in_law, ['before', 'cue'])
    FROM sentences
    UNION ALL
    SELECT *, 'funded', 4, regexp_extract(sentence, $funded, ['before', 'cue'])
    FROM sentences
    UNION ALL
    SELECT *, 'achieved', 5, regexp_extract(sentence, $achieved, ['before', 'cue'])
    FROM sentences
    UNION ALL
    SELECT *, 'missed', 5, regexp_extract(sentence, $missed, ['before', 'cue'])
    FROM sentences
),
placed AS (
    SELECT *, m.cue AS quote, sentence_start + length(m.before) AS cue_start,
           -- the cue's clause: back to the last , ; : ( or dash, on to the next
           regexp_extract(regexp_extract(m.before, '[^,;:()—–]*$', 0), '(?:\S+\s+){0,6}\S*\s*$', 0) AS words_before,
           regexp_extract(regexp_extract(substr(sentence, length(m.before) + length(m.cue) + 1), '^[^,;:()—–]*', 0),
                          '^\s*(?:\S+\s*){0,4}', 0) AS words_after
    FROM hits
    WHERE m.cue <> ''  -- no match
),
kept AS (
    SELECT * FROM placed
    WHERE NOT CASE rung
              WHEN 'in_plan' THEN regexp_matches(words_before, $void_before_in_plan)
                                  OR regexp_matches(words_after, $void_after_in_plan)
              WHEN 'in_law' THEN regexp_matches(words_before, $void_before_in_law)
                                 OR regexp_matches(words_after, $void_after_in_law)
              WHEN 'funded' THEN regexp_matches(words_before, $void_before_funded)
                                 OR regexp_matches(words_after, $void_after_funded)
              WHEN 'achieved' THEN regexp_matches(words_before, $void_before_achieved)
                                   OR regexp_matches(words_after, $void_after_achieved)
              WHEN 'missed' THEN regexp_matches(words_before, $void_before_missed)
                                 OR regexp_matches(words_after, $void_after_missed) END
      AND (rung <> 'missed' OR deadline_year < year(published_on))
),
nearest AS (  -- a sentence with two figures: the cue is the nearer one's ("€1.5 billion ..., on top
              -- of the €600 million already mobilised": mobilised is the €600 million's)
    SELECT k.*
    FROM kept k
    WHERE NOT EXISTS (
        SELECT 1 FROM registry_sentences o JOIN registry_members om USING (unique_id)
        JOIN registry_members km ON km.unique_id = k.unique_id
        WHERE o.document_id = k.document_id AND o.unique_id <> k.unique_id
          AND o.sentence_start <= k.cue_start AND o.sentence_end >= k.cue_start + length(k.quote)
          AND greatest(om.start - (k.cue_start + length(k.quote)), k.cue_start - om."end", 0)
              < greatest(km.start - (k.cue_start + length(k.quote)), k.cue_start - km."end", 0))
    QUALIFY row_number() OVER (PARTITION BY entry_id, rung, document_id ORDER BY cue_start, unique_id) = 1
),
cue_lines AS (  -- which row of status_cues.csv the quote is (the first whose pattern it matches whole)
    SELECT q.rung, q.quote, min(c.line) AS line
    FROM (SELECT DISTINCT rung, quote FROM nearest) q
    JOIN registry_cues c ON c.role = 'cue' AND c.rung = q.rung AND c.lang = $lang
     AND regexp_full_match(q.quote, '(?is)' || c.pattern)
    GROUP BY q.rung, q.quote
),
final AS (
    SELECT left(sha256(concat_ws(chr(31), 'status', k.entry_id, k.rung, k.document_id)), 16) AS status_id,
           k.entry_id, k.rung, k.rank, k.document_id, k.quote, k.cue_start AS start,
           k.cue_start + length(k.quote) AS "end", k.published_on,
           coalesce('status_cues.csv:' || l.line, 'status_cues.csv (' || $lang || ' ' || k.rung || ')') AS cue,
           (SELECT value FROM build_info WHERE key = 'extractor_version') AS extractor_version
    FROM nearest k LEFT JOIN cue_lines l USING (rung, quote)
)
SELECT * FROM final;
