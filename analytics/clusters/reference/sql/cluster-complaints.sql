-- Located complaints in [lo, hi] (epoch seconds), time-ordered, as the cluster detectors take them.
SELECT complaint_id, category, h3, epoch_ms(received_at) AS t, city, lat, lon
FROM complaints
WHERE h3 IS NOT NULL
  AND received_at BETWEEN to_timestamp($lo) AND to_timestamp($hi)
ORDER BY received_at, complaint_id;
