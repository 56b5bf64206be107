-- The records Splink links (etl/registry.py), one per amount record with a country and a
-- value, except the far side of a stated conversion ("C$2.4 billion ($1.77 billion)": the
-- dollars follow their roubles/yuan into the same entry, so they are not a second pledge);
-- and one per commitment mention or target with a country that names no amount ("Russia
-- will set up a national AI task force"): a commitment without money is still one. Those
-- have no figure (value, currency and their bins NULL: Splink's null level) and their own
-- sentence as extracted; the ones that name an amount follow it, as before (020).
-- record_type says which table unique_id comes from (amount, commitment, target).
-- Every column below is what one comparison or blocking rule of
-- data/reference/registry_model.json reads.
CREATE OR REPLACE TEMP TABLE registry_candidates AS
WITH
converted AS (SELECT DISTINCT to_amount_id AS amount_id FROM conversions),
amount_rows AS MATERIALIZED (  -- read twice below: made once
    SELECT a.*, d.publisher, d.url, d.text AS document_text
    FROM amounts a
    JOIN documents d USING (document_id)
    WHERE a.country_code IS NOT NULL AND a.value IS NOT NULL
      AND a.amount_id NOT IN (SELECT amount_id FROM converted)
),
target_of AS (  -- a target names its amount: its metric is the kind, its year the deadline
    SELECT amount_id, arg_min(metric, start) AS metric, arg_min(year, start) AS year,
           arg_min(quote, start) AS quote
    FROM targets WHERE amount_id IS NOT NULL GROUP BY amount_id
),
commitment_of AS (
    SELECT amount_id, arg_min(kind, start) AS kind, arg_min(sentence, start) AS sentence
    FROM commitments WHERE amount_id IS NOT NULL GROUP BY amount_id
),
nearest_deadline AS (  -- "by 2030" within 200 characters of the figure, the nearest one
    SELECT a.amount_id, arg_min(dl.year, abs(dl.start - a.start)) AS year
    FROM amount_rows a JOIN deadlines dl
      ON dl.document_id = a.document_id AND dl.year IS NOT NULL AND abs(dl.start - a.start) <= 200
    GROUP BY a.amount_id
),
people AS (  -- who announced it: people and organisations the document names
    SELECT document_id, list_sort(list_distinct(list(name))) AS actors
    FROM actors WHERE kind IN ('person', 'organisation') GROUP BY document_id
),
amount_candidates AS (
    SELECT
        'amount' AS record_type,
        a.amount_id AS unique_id,
        a.document_id,
        a.country_code,
        a.quote,
        a.start,
        a."end",
        a.value,
        a.currency,
        a.value_usd,
        a.published_on,
        a.publisher,
        a.url,
        a.is_headline,
        CASE WHEN t.metric IS NOT NULL THEN 'target: ' || lower(t.metric) ELSE c.kind END AS kind,
        coalesce(t.year, nd.year) AS deadline_year,
        coalesce(p.actors, []) AS actors,
        -- The sentence around the figure, cut from the text the same way for every record
        -- (a full stop before a space or a line break ends it; "$136.57 billion" does not).
        coalesce(nullif(regexp_extract(substr(a.document_text, greatest(1, a.start - 399), least(a.start, 400)),
                                       '(?s).*(?:[.!?]\s|\n)(.*)$', 1), ''),
                 substr(a.document_text, greatest(1, a.start - 399), least(a.start, 400)))
        || a.quote
        || regexp_extract(substr(a.document_text, a."end" + 1, 400) || '\n', '^(?s)(.*?)(?:[.!?](?:\s|$)|\n)', 1)
        AS sentence,
        -- The printed precision: half a unit of the last digit printed ("11 trillion" is
        -- 10.5-11.5 trillion; "11,2 трлн" 11.15-11.25), at least 1 % and at most 5 % (so
        -- "1 trillion yuan" does not swallow 1.4 trillion).
        length(regexp_replace(regexp_extract(a.quote, '[0-9][0-9., ]*', 0), '[^0-9]', '', 'g')) AS n_digits
    FROM amount_rows a
    LEFT JOIN target_of t USING (amount_id)
    LEFT JOIN commitment_of c USING (amount_id)
    LEFT JOIN nearest_deadline nd USING (amount_id)
    LEFT JOIN people p USING (document_id)
),
bare AS (  -- commitments and targets that name no amount, with their document's date and publisher
    SELECT 'commitment' AS record_type, c.commitment_id AS unique_id, c.document_id, c.country_code, c.quote,
           c.start, c."end", c.kind, NULL::BIGINT AS own_year, c.sentence, c.description
    FROM commitments c WHERE c.amount_id IS NULL AND c.country_code IS NOT NULL
    UNION ALL
    SELECT 'target', t.target_id, t.document_id, t.country_code, t.quote, t.start, t."end",
           'target: ' || lower(t.metric), t.year, t.quote, t.quote
    FROM targets t WHERE t.amount_id IS NULL AND t.country_code IS NOT NULL
),
bare_deadline AS (  -- "by 2030" within 200 characters of the mention, the nearest one
    SELECT b.unique_id, arg_min(dl.year, abs(dl.start - b.start)) AS year
    FROM bare b JOIN deadlines dl
      ON dl.document_id = b.document_id AND dl.year IS NOT NULL AND abs(dl.start - b.start) <= 200
    GROUP BY b.unique_id
),
bare_candidates AS (
    SELECT
        b.record_type, b.unique_id, b.document_id, b.country_code, b.quote, b.start, b."end",
        NULL::DOUBLE AS value, NULL::VARCHAR AS currency, NULL::DOUBLE AS value_usd,
        d.published_on, d.publisher, d.url, false AS is_headline,
        b.kind, coalesce(b.own_year, bd.year) AS deadline_year,
        coalesce(p.actors, []) AS actors,
        b.sentence,
        b.description,
        0 AS n_digits
    FROM bare b
    JOIN documents d USING (document_id)
    LEFT JOIN bare_deadline bd USING (unique_id)
    LEFT JOIN people p USING (document_id)
),
enriched AS (
    SELECT * FROM amount_candidates
    UNION ALL BY NAME
    SELECT * FROM bare_candidates
),
final AS MATERIALIZED (  -- read twice below (the words and the rows): made once
    SELECT
        * EXCLUDE (n_digits),
        CASE WHEN value IS NOT NULL THEN greatest(0.01 * abs(value),
                 least(0.05 * abs(value),
                       CASE WHEN value > 0 AND n_digits > 0
                            THEN 0.5 * pow(10, floor(log10(value)) - n_digits + 1) ELSE 0 END)) END
            AS value_tolerance,
        -- Blocking keys (the model's blocking rules): the figure's order of magnitude in
        -- twentieths of a decade (12 % wide bins), and the same bins shifted by half, so two
        -- figures within 6 % of each other (the model's widest "close" level is 5 %) share a
        -- bin in one of the two; in the stated currency and in USD.
        CASE WHEN value > 0 THEN currency || ':' || CAST(floor(log10(value) * 20) AS INTEGER) END AS value_bin,
        CASE WHEN value > 0 THEN currency || ':' || CAST(floor(log10(value) * 20 + 0.5) AS INTEGER) END AS value_bin_shifted,
        CASE WHEN value_usd > 0 THEN CAST(floor(log10(value_usd) * 20) AS INTEGER) END AS usd_bin,
        CASE WHEN value_usd > 0 THEN CAST(floor(log10(value_usd) * 20 + 0.5) AS INTEGER) END AS usd_bin_shifted,
        -- For records without a figure (the model's no-amount rules): the publication date
        -- in 14-day bins and the same bins shifted by 7 days, so two announcements within
        -- a week of each other (the model's "within 7 days" level) share a bin in one of them.
        CASE WHEN value IS NULL THEN CAST(floor((published_on - DATE '2000-01-01') / 14) AS INTEGER) END AS week_bin,
        CASE WHEN value IS NULL THEN CAST(floor((published_on - DATE '2000-01-01' + 7) / 14) AS INTEGER) END
            AS week_bin_shifted,
        actors[1] AS first_actor,
        list_distinct(list_filter(regexp_split_to_array(lower(sentence), '[^\p{L}\p{N}]+'),
                                  lambda w: length(w) >= 3)) AS words,
        -- only records without a figure have one (NULL is the model's null level, so the
        -- pairs of amount records score as they did before commitments joined them)
        list_distinct(list_filter(regexp_split_to_array(lower(description), '[^\p{L}\p{N}]+'),
                                  lambda w: length(w) >= 2)) AS description_words,
        array_to_string(list_sort(list_distinct(list_filter(
            regexp_split_to_array(lower(description), '[^\p{L}\p{N}]+'), lambda w: length(w) >= 2))), ' ')
            AS description_key
    FROM enriched
),
-- The sentence's words as numbers: each distinct word of this run's candidates is given one
-- (the vocabulary in word order), so the model's Jaccard levels count the same words in
-- common, and Splink compares and keeps lists of integers instead of strings (at 100,000
-- announcements that was a third of predict's time). A NULL list stays NULL.
word_rows AS (SELECT unique_id, unnest(words) AS word FROM final),
vocabulary AS (
    SELECT word, CAST(row_number() OVER (ORDER BY word) AS INTEGER) AS word_id
    FROM (SELECT DISTINCT word FROM word_rows)
),
word_ids AS (
    SELECT w.unique_id, list_sort(list(v.word_id)) AS word_ids
    FROM word_rows w JOIN vocabulary v USING (word)
    GROUP BY w.unique_id
)
SELECT f.* REPLACE (CASE WHEN f.words IS NOT NULL THEN coalesce(i.word_ids, []::INTEGER[]) END AS words)
FROM final f
LEFT JOIN word_ids i USING (unique_id);
