-- Every document has at least one origin and every origin a document.
SELECT document_id FROM documents WHERE document_id NOT IN (SELECT document_id FROM origins)
UNION ALL
SELECT document_id FROM origins WHERE document_id NOT IN (SELECT document_id FROM documents)
