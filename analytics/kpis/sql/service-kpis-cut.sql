-- The as-of time (default: the newest complaint) in epoch ms, and the local day of (as_of − the longest
-- limit): complaints of earlier days have every limit passed, so the day aggregate serves them; later
-- ones are judged one by one (service-kpis-from-days.sql).
SELECT as_of_ms, strftime(to_timestamp((as_of_ms - $reply_limit_ms::BIGINT) / 1000), '%Y-%m-%d') AS cut_day
FROM (SELECT epoch_ms(coalesce($as_of::TIMESTAMPTZ, (SELECT max(received_at) FROM complaints))) AS as_of_ms)
