-- wrk script: POST a GraphQL request body read from a file, to cross-check
-- internal/loadtest with wrk on the same machine.
--
--   echo '{"query":"{ provinces { code } }"}' > /tmp/req.json
--   wrk -t1 -c32 -d10s -s internal/loadtest/post.lua http://127.0.0.1:8080/graphql /tmp/req.json
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json, application/json"

function init(args)
  local f = assert(io.open(args[1], "rb"), "usage: ... post.lua URL REQUEST_BODY_FILE")
  wrk.body = f:read("*a")
  f:close()
end

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2fms  p99 %.2fms  non-2xx/3xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status))
end
