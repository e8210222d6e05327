-- wrk script: the consent check in bulk, POST /api/v1/consents/check with one body of BENCH_BULK_SIZE contact ids
-- (bench-1 .. bench-N) for e-marketing, as a marketing platform checks a send list.
-- Environment: BENCH_BULK_SIZE (ids per request, default 10000), BENCH_AUTH (Basic ...); optional BENCH_NODES: see
-- wrk-common.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local size = tonumber(os.getenv("BENCH_BULK_SIZE") or "10000")
local auth = os.getenv("BENCH_AUTH")

local ids = {}
for i = 1, size do
    ids[i] = '"bench-' .. i .. '"'
end
local body = '{"purposeId":"e-marketing","contactIds":[' .. table.concat(ids, ",") .. ']}'

request = function()
    return wrk.format("POST", "/api/v1/consents/check",
        { ["Authorization"] = auth, ["Content-Type"] = "application/json" }, body)
end
