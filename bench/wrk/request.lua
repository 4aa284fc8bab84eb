-- One request, repeated: POST of the body in $BODY_FILE (a GraphQL request as JSON), or with METHOD=GET a
-- GET of the URL alone; IF_NONE_MATCH and ACCEPT add those headers (a conditional GET). Prints one RESULT line of
-- JSON at the end, with the HTTP statuses answered and how many answers held a non-empty "errors" list (GraphQL's
-- own, or a payload's user errors; a field merely named errors, as in introspection, is not one), so a 200
-- where a 304 was meant, or a persisted query the server did not know, shows in the results.
local method = os.getenv("METHOD") or "POST"
wrk.method = method
if method == "POST" then
  wrk.headers["Content-Type"] = "application/json"
  local f = assert(io.open(os.getenv("BODY_FILE"), "r"))
  wrk.body = f:read("*a")
  f:close()
end
local accept = os.getenv("ACCEPT")
if accept and accept ~= "" then
  wrk.headers["Accept"] = accept
end
local etag = os.getenv("IF_NONE_MATCH")
if etag and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  errors = 0
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  if body and string.find(body, '"errors":[{', 1, true) then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  local counts, answered_errors = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
    answered_errors = answered_errors + thread:get("errors")
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%s":%d', status, n))
  end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_s":%.3f,"rps":%.2f,"errors":%d,"non2xx":%d,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"mean_ms":%.3f,"max_ms":%.3f,"statuses":{%s},"graphql_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000, table.concat(parts, ","), answered_errors))
end
