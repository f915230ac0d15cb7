-- wrk script: counts answers by status across threads (200, 429, anything else).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; limited = 0; other = 0 end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 429 then limited = limited + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do a = a + t:get("ok"); b = b + t:get("limited"); c = c + t:get("other") end
  io.write(string.format("STATUS 200=%d 429=%d other=%d\n", a, b, c))
end
