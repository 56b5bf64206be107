-- name: entry_sources
-- grain: one row per link of the entries named (every source of each entry): who published it, when, its
--        title and URL, the linked row as printed (quote, offsets) with up to 400 characters of the text either
--        side (excerpt; the quote sits at excerpt_start), the match weight and the per-field reasons (JSON)
-- params: $entry_ids (list of registry.entry_id)
-- used-by: the Commitments page's "sources of each entry"
WITH
links AS (
    SELECT l.*, coalesce(a.quote, t.quote, c.quote) AS quote, coalesce(a.start, t.start, c.start) AS start,
           coalesce(a."end", t."end", c."end") AS "end", coalesce(v.sentence, c.sentence) AS sentence,
           a.is_headline
    FROM registry_links l
    LEFT JOIN amounts a ON a.amount_id = l.amount_id
    LEFT JOIN v_records v ON v.record_id = l.amount_id
    LEFT JOIN targets t ON t.target_id = l.target_id
    LEFT JOIN commitments c ON c.commitment_id = l.commitment_id
    WHERE list_contains($entry_ids, l.entry_id)
),
final AS (
    SELECT links.*, d.publisher, d.published_on, d.title, d.url, d.language,
           greatest(0, links.start - 400) AS excerpt_from,
           links.start - greatest(0, links.start - 400) AS excerpt_start,
           substr(d.text, greatest(0, links.start - 400) + 1, links."end" + 400 - greatest(0, links.start - 400))
               AS excerpt
    FROM links JOIN documents d ON d.document_id = links.document_id
)
SELECT * FROM final
ORDER BY entry_id, CASE role WHEN 'record' THEN 0 WHEN 'conversion' THEN 1 WHEN 'target' THEN 2 ELSE 3 END,
         published_on NULLS LAST, link_id
