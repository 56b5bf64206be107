-- Where each linked record's sentence stands in its document, so what is read from the
-- sentence (a status cue, 050; the date it gives for the announcement, 040) keeps offsets
-- into documents.text. The sentence (registry_candidates.sentence, cut from the text around
-- the record) is found again in the text near the record; one that is not found, or found
-- where it does not cover the record, gives no sentence: nothing read from it, never a guess.
CREATE OR REPLACE TEMP TABLE registry_sentences AS
WITH
located AS (
    SELECT m.unique_id, m.entry_id, m.document_id, m.published_on, m.start, m."end", m.sentence,
           d.language, d.text, greatest(0, m.start - length(m.sentence)) AS window_start
    FROM registry_members m JOIN documents d USING (document_id)
    WHERE coalesce(m.sentence, '') <> ''
),
found AS (
    SELECT *, strpos(substr(text, window_start + 1, 2 * length(sentence) + ("end" - start)), sentence) AS pos
    FROM located
),
final AS (
    SELECT unique_id, entry_id, document_id, published_on, language, sentence,
           window_start + pos - 1 AS sentence_start, window_start + pos - 1 + length(sentence) AS sentence_end
    FROM found
    WHERE pos > 0 AND window_start + pos - 1 <= start AND window_start + pos - 1 + length(sentence) >= "end"
)
SELECT * FROM final;
