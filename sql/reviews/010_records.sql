-- Review decisions on the fact tables, before the registry is linked (etl/reviews.py,
-- Applier.apply_records). Each '-- statement:' is run on its own with bound parameters.

-- statement: find_amount
-- the amount by its id, or again by its document and quote when the id has changed
SELECT amount_id, 'id' AS how FROM amounts WHERE amount_id = $target_id
UNION ALL
SELECT amount_id, 'quote' FROM amounts WHERE document_id = $document_id AND quote = $quote;

-- statement: find_check
SELECT check_id, 'id' AS how FROM checks WHERE check_id = $target_id
UNION ALL
SELECT check_id, 'quote' FROM checks
WHERE document_id = $document_id AND subject = $quote AND "check" = $check_name;

-- statement: find_target
-- a target or a commitment mention naming no amount (a registry record of its own), by its id or again
-- by its document and quote
SELECT target_id, 'id' AS how FROM targets WHERE target_id = $target_id
UNION ALL
SELECT target_id, 'quote' FROM targets WHERE document_id = $document_id AND quote = $quote;

-- statement: find_commitment
SELECT commitment_id, 'id' AS how FROM commitments WHERE commitment_id = $target_id
UNION ALL
SELECT commitment_id, 'quote' FROM commitments WHERE document_id = $document_id AND quote = $quote;

-- statement: find_entry
-- an entry by its id, or the entry that holds the record its figure was quoted from
SELECT entry_id, 'id' AS how FROM registry WHERE entry_id = $target_id
UNION ALL
SELECT l.entry_id, 'quote' FROM amounts a
JOIN registry_links l ON l.amount_id = a.amount_id AND l.role IN ('record', 'conversion')
WHERE a.document_id = $document_id AND a.quote = $quote;

-- statement: amount
SELECT * FROM amounts WHERE amount_id = $amount_id;

-- statement: dismiss_check
UPDATE checks SET status = 'info', detail = $note || detail WHERE check_id = $check_id;

-- statement: correct_amount
UPDATE amounts SET
    value = $value, value_min = $value_min, value_max = $value_max, currency = $currency,
    qualifier = $qualifier, country_code = $country_code, funding = $funding,
    value_usd = CASE WHEN $reconvert THEN CAST($value_usd AS DOUBLE) ELSE value_usd END,
    value_eur = CASE WHEN $reconvert THEN CAST($value_eur AS DOUBLE) ELSE value_eur END,
    usd_rate = CASE WHEN $reconvert THEN CAST($usd_rate AS DOUBLE) ELSE usd_rate END,
    eur_rate = CASE WHEN $reconvert THEN CAST($eur_rate AS DOUBLE) ELSE eur_rate END,
    rate_on = CASE WHEN $reconvert THEN CAST($rate_on AS DATE) ELSE rate_on END,
    rate_source = CASE WHEN $reconvert THEN CAST($rate_source AS VARCHAR) ELSE rate_source END,
    fx_status = CASE WHEN $reconvert THEN CAST($fx_status AS VARCHAR) ELSE fx_status END,
    fx_note = CASE WHEN $reconvert THEN CAST($fx_note AS VARCHAR) ELSE fx_note END
WHERE amount_id = $amount_id;
-- what mirrors the amount: a stated conversion's two sides and a target's figure
UPDATE conversions SET from_value = coalesce(a.value, 0), from_currency = a.currency,
       implied_rate = CASE WHEN a.value > 0 AND conversions.to_value > 0 THEN a.value / conversions.to_value END
FROM amounts a WHERE a.amount_id = $amount_id AND conversions.from_amount_id = $amount_id;
UPDATE conversions SET to_value = coalesce(a.value, 0), to_currency = a.currency,
       implied_rate = CASE WHEN a.value > 0 AND conversions.from_value > 0 THEN conversions.from_value / a.value END
FROM amounts a WHERE a.amount_id = $amount_id AND conversions.to_amount_id = $amount_id;
UPDATE targets SET value = a.value, currency = a.currency
FROM amounts a WHERE a.amount_id = $amount_id AND targets.amount_id = $amount_id;

-- statement: reject_amount
-- a rejected amount leaves every fact table (corrections_applied keeps what it was); the
-- mentions that named it stay, naming none
DELETE FROM conversions WHERE from_amount_id = $amount_id OR to_amount_id = $amount_id;
UPDATE targets SET amount_id = NULL WHERE amount_id = $amount_id;
UPDATE commitments SET amount_id = NULL WHERE amount_id = $amount_id;
DELETE FROM amounts WHERE amount_id = $amount_id;

-- statement: reject_target
-- a rejected target or commitment mention leaves its table before the registry is linked, so it is no
-- registry record (corrections_applied keeps its quote)
DELETE FROM targets WHERE target_id = $record_id;

-- statement: reject_commitment
DELETE FROM commitments WHERE commitment_id = $record_id;

-- statement: insert_applied
INSERT INTO corrections_applied VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);

-- statement: insert_orphan
INSERT INTO review_orphans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
