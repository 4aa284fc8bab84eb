-- GETs the URL (an iCalendar feed), with If-None-Match: $IF_NONE_MATCH when set, and prints one RESULT
-- line of JSON at the end ("non2xx" is wrk's status errors, statuses above 399 only: a 304 is not counted, so
-- it stays 0 on the If-None-Match runs; the scripts check the 304 with curl before).
wrk.method = "GET"
local etag = os.getenv("IF_NONE_MATCH")
if etag ~= nil and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_s":%.3f,"rps":%.2f,"errors":%d,"non2xx":%d,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"mean_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000))
end
