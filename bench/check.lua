-- wrk script: the consent check before a send, GET /api/v1/consents/check?contactId=bench-N&purposeId=e-marketing
-- (wait=false, as marketing systems call it), for a random pre-registered contact.
-- Environment: BENCH_CONTACTS (how many contacts bench-1 .. bench-N exist), BENCH_AUTH (Basic ...); optional
-- BENCH_NODES: see wrk-common.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local contacts = tonumber(os.getenv("BENCH_CONTACTS") or "1000")
local auth = os.getenv("BENCH_AUTH")

-- math.random is seeded per thread by wrk-common.lua's init().

request = function()
    local path = "/api/v1/consents/check?contactId=bench-" .. math.random(1, contacts) .. "&purposeId=e-marketing"
    return wrk.format("GET", path, { ["Authorization"] = auth })
end
