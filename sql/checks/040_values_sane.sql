-- Values are non-negative and ranges ordered; zero is allowed, it is not missing.
SELECT amount_id FROM amounts
WHERE value < 0 OR value_min < 0 OR value_max < 0 OR value_min > value_max OR value_usd < 0
