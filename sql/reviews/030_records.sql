-- Review decisions on v_records, once the views are made (etl/reviews.py, Applier.apply_views):
-- the two columns the export ends with, and the derived fields a reviewer corrected.

-- statement: add_columns
ALTER TABLE v_records ADD COLUMN reviewed BOOLEAN DEFAULT false;
ALTER TABLE v_records ADD COLUMN corrected_fields VARCHAR;

-- statement: set_kind
UPDATE v_records SET commitment_kind = $new WHERE record_id = $amount_id;

-- statement: set_deadline_year
UPDATE v_records SET deadline_year = CAST($new AS BIGINT) WHERE record_id = $amount_id;

-- statement: mark_reviewed
-- reviewed: a reviewer decided on the record (accepted it or corrected a field); corrected_fields
-- names the fields corrected, 'value;currency'
UPDATE v_records SET reviewed = true, corrected_fields = x.fields
FROM (SELECT applied_to,
             string_agg(DISTINCT field, ';' ORDER BY field) FILTER (WHERE action = 'correct') AS fields
      FROM corrections_applied WHERE target_kind = 'amount' AND action IN ('accept', 'correct')
      GROUP BY applied_to) x
WHERE v_records.record_id = x.applied_to;
