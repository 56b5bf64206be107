-- registry_pairs: every pair Splink scored (the view registry_predictions over its
-- output), its match weight and, as JSON, the level each comparison reached, labelled as in
-- data/reference/registry_model.json (registry_levels). The three flags are what
-- 030_supersedes.sql asks of a re-announcement; Splink numbers levels from the top, so
-- "same kind" is kind's gamma 2, "sentences overlap" or better is words' gamma >= 1 and
-- "an actor in common" is actors' gamma 1.
CREATE OR REPLACE TEMP TABLE registry_pairs AS
WITH
long AS (
    UNPIVOT (
        SELECT unique_id_l, unique_id_r, gamma_value AS value, gamma_currency AS currency,
               gamma_deadline_year AS deadline_year, gamma_kind AS kind, gamma_published_on AS published_on,
               gamma_actors AS actors, gamma_description AS description, gamma_words AS words
        FROM registry_predictions
    )
    ON value, currency, deadline_year, kind, published_on, actors, description, words
    INTO NAME comparison VALUE gamma
),
reasons AS (
    SELECT l.unique_id_l, l.unique_id_r,
           '{' || string_agg(to_json(l.comparison) || ': ' || to_json(v.label), ', ' ORDER BY l.comparison) || '}' AS reasons
    FROM long l JOIN registry_levels v USING (comparison, gamma)
    GROUP BY l.unique_id_l, l.unique_id_r
),
final AS (
    SELECT p.unique_id_l, p.unique_id_r, p.match_weight, r.reasons,
           p.gamma_kind = 2 AS kind_alike, p.gamma_words >= 1 AS words_alike, p.gamma_actors = 1 AS actors_alike
    FROM registry_predictions p
    JOIN reasons r USING (unique_id_l, unique_id_r)
)
SELECT * FROM final;
