-- What `aitrack review add` and the Review page need to know of a target before a decision is
-- written: its kind, document, quote and the current value of each field a reviewer may correct.

-- statement: amount
SELECT a.amount_id, a.document_id, a.quote, a.value, a.value_min, a.value_max, a.currency, a.qualifier,
       a.country_code, a.funding, r.commitment_kind AS kind, r.deadline_year
FROM amounts a LEFT JOIN v_records r ON r.record_id = a.amount_id
WHERE a.amount_id = $target_id;

-- statement: check
SELECT check_id, document_id, subject AS quote, "check" AS check_name FROM checks WHERE check_id = $target_id;

-- statement: entry
SELECT entry_id, document_id, quote FROM registry WHERE entry_id = $target_id;

-- statement: target
SELECT target_id, document_id, quote FROM targets WHERE target_id = $target_id;

-- statement: commitment
SELECT commitment_id, document_id, quote FROM commitments WHERE commitment_id = $target_id;
