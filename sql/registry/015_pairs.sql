-- registry_pairs: the pairs Splink scored (the view registry_predictions over its output)
-- that a later step reads, with their match weight and, as JSON, the level each comparison
-- reached, labelled as in data/reference/registry_model.json (registry_levels). A later
-- step reads three sorts, so only they are kept and labelled (labelling every scored pair
-- was most of the linking's time at 100,000 announcements): a pair at or above the
-- threshold ($threshold; 020 explains a merged record by its strongest pair inside its
-- entry, and a pair inside a connected component that is not one of its edges is below
-- the threshold, so it is never the strongest), each record's strongest pair of all (020's
-- nearest miss for a record alone), and a pair with the three flags 030_supersedes.sql asks
-- of a re-announcement. Splink numbers levels from the top, so "same kind" is kind's
-- gamma 2, "sentences overlap" or better is words' gamma >= 1 and "an actor in common" is
-- actors' gamma 1.
CREATE OR REPLACE TEMP TABLE registry_pairs AS
WITH
flagged AS (  -- Splink scores each pair once, so a pair is one row here
    SELECT unique_id_l, unique_id_r, match_weight, COLUMNS('^gamma_'),
           gamma_kind = 2 AS kind_alike, gamma_words >= 1 AS words_alike, gamma_actors = 1 AS actors_alike
    FROM registry_predictions
),
strongest AS (  -- each record's strongest pair, from either end
    SELECT unique_id, arg_max(other_id, row(match_weight, other_id)) AS other_id  -- ties as 020 breaks them
    FROM (SELECT unique_id_l AS unique_id, unique_id_r AS other_id, match_weight FROM flagged
          UNION ALL
          SELECT unique_id_r, unique_id_l, match_weight FROM flagged)
    GROUP BY unique_id
),
strongest_pairs AS (
    SELECT least(unique_id, other_id) AS unique_id_l, greatest(unique_id, other_id) AS unique_id_r FROM strongest
),
kept AS (  -- one pass (a UNION of the two sorts and its de-duplication took 2.8 s at 100,000)
    SELECT f.* FROM flagged f
    LEFT JOIN (SELECT DISTINCT unique_id_l, unique_id_r FROM strongest_pairs) s
      ON s.unique_id_l = least(f.unique_id_l, f.unique_id_r) AND s.unique_id_r = greatest(f.unique_id_l, f.unique_id_r)
    WHERE f.match_weight >= $threshold OR (f.kind_alike AND f.words_alike AND f.actors_alike)
       OR s.unique_id_l IS NOT NULL
),
labels AS (  -- per comparison, its labels in gamma order from -1 (the null level): gamma g is [g + 2]
    SELECT list(label ORDER BY gamma) FILTER (WHERE comparison = 'actors') AS actors,
           list(label ORDER BY gamma) FILTER (WHERE comparison = 'currency') AS currency,
           list(label ORDER BY gamma) FILTER (WHERE comparison = 'deadline_year') AS deadline_year,
           list(label ORDER BY gamma) FILTER (WHERE comparison = 'description') AS description,
           list(label ORDER BY gamma) FILTER (WHERE comparison = 'kind') AS kind,
           list(label ORDER BY gamma) FILTER (WHERE comparison = 'published_on') AS published_on,
           list(label ORDER BY gamma) FILTER (WHERE comparison = 'value') AS value,
           list(label ORDER BY gamma) FILTER (WHERE comparison = 'words') AS words
    FROM registry_levels
),
final AS (  -- the reasons as JSON, one key per comparison in name order
    SELECT p.unique_id_l, p.unique_id_r, p.match_weight,
           '{"actors": ' || to_json(v.actors[p.gamma_actors + 2])
           || ', "currency": ' || to_json(v.currency[p.gamma_currency + 2])
           || ', "deadline_year": ' || to_json(v.deadline_year[p.gamma_deadline_year + 2])
           || ', "description": ' || to_json(v.description[p.gamma_description + 2])
           || ', "kind": ' || to_json(v.kind[p.gamma_kind + 2])
           || ', "published_on": ' || to_json(v.published_on[p.gamma_published_on + 2])
           || ', "value": ' || to_json(v.value[p.gamma_value + 2])
           || ', "words": ' || to_json(v.words[p.gamma_words + 2]) || '}' AS reasons,
           p.kind_alike, p.words_alike, p.actors_alike
    FROM kept p
    CROSS JOIN labels v
)
SELECT * FROM final;
