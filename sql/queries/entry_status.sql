-- name: entry_status
-- grain: one row per rung of the status ladder an entry reached (announced, in a plan, in law or budget, ...),
--        with the document and the quote that is its evidence and the date it was seen on
-- params: $entry_ids (list of registry.entry_id)
-- used-by: the Commitments page's "sources of each entry", only when the database has a registry_status table
--          (dashboard/data.py asks information_schema first: older databases do not have it)
WITH final AS (
    SELECT s.entry_id, s.rung, s.rank, s.document_id, s.quote, s.start, s."end", s.published_on AS seen_on,
           s.cue, d.publisher
    FROM registry_status s
    LEFT JOIN documents d USING (document_id)
    WHERE list_contains($entry_ids, s.entry_id)
)
SELECT * FROM final ORDER BY entry_id, rank, seen_on NULLS LAST, document_id
