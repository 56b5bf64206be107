-- A converted value always says which rate, of which date, from which source.
SELECT amount_id FROM amounts
WHERE (value_usd IS NOT NULL OR value_eur IS NOT NULL)
  AND (usd_rate IS NULL OR rate_on IS NULL OR rate_source IS NULL OR fx_status <> 'converted')
