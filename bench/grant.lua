-- wrk script: POST a GrantConsent for a random pre-registered contact.
-- Environment: BENCH_CONTACTS (how many contacts bench-1 .. bench-N exist), BENCH_AUTH (Basic ...); optional
-- BENCH_PREFIX (the contact ids' prefix, default "bench-"), BENCH_NODES, BENCH_RATE, BENCH_THREADS: see
-- wrk-common.lua.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local contacts = tonumber(os.getenv("BENCH_CONTACTS") or "1000")
local auth = os.getenv("BENCH_AUTH")
local prefix = os.getenv("BENCH_PREFIX") or "bench-"
local body = '{"purposeId":"e-marketing","sourceId":"web-form","sourceDetail":"Benchmark",'
    .. '"evidence":{"text":"Yes, send me news and offers by email.","formUrl":"https://example.com/signup",'
    .. '"ipAddress":"203.0.113.7","userAgent":"wrk"}}'

-- math.random is seeded per thread by wrk-common.lua's init().

request = function()
    local path = "/api/v1/contacts/" .. prefix .. math.random(1, contacts) .. "/consents"
    return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Authorization"] = auth }, body)
end

local failures = 0
response = function(status, headers, body)
    if status ~= 201 then
        failures = failures + 1
    end
end
