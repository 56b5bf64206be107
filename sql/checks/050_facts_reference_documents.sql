-- Every fact row belongs to a loaded document, and conversions to loaded amounts.
SELECT amount_id AS id FROM amounts WHERE document_id NOT IN (SELECT document_id FROM documents)
UNION ALL
SELECT conversion_id FROM conversions
WHERE from_amount_id NOT IN (SELECT amount_id FROM amounts) OR to_amount_id NOT IN (SELECT amount_id FROM amounts)
UNION ALL
SELECT check_id FROM checks WHERE document_id IS NOT NULL AND document_id NOT IN (SELECT document_id FROM documents)
