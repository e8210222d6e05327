-- Shared by the wrk scripts (dofile'd from grant.lua and check.lua). Optional, by environment:
--   BENCH_NODES   "host:port host:port ...": thread i sends to node i mod n (wrk.lookup in setup), instead of the URL's
--                 host; give wrk at least as many threads (-t) as nodes, e.g. one thread per connection.
--   BENCH_RATE    requests per second for the whole wrk process (all threads): each request waits for its slot
--                 (wrk's delay()), so the rate is capped there, never exceeded; unset: as fast as the server answers.
--   BENCH_THREADS the -t given to wrk (needed with BENCH_RATE: each thread paces itself at BENCH_RATE / BENCH_THREADS).
local nodes = {}
for node in string.gmatch(os.getenv("BENCH_NODES") or "", "[^%s,]+") do
    nodes[#nodes + 1] = node
end
local threads = 0
setup = function(thread)
    -- Each thread's own random sequence: seeded by the time alone, every thread would draw the same contacts in the
    -- same order.
    thread:set("bench_thread", threads)
    if #nodes > 0 then
        local host, port = string.match(nodes[threads % #nodes + 1], "^(.*):(%d+)$")
        thread.addr = wrk.lookup(host, port)[1]
    end
    threads = threads + 1
end
init = function(args)
    math.randomseed(os.time() * 1000 + (bench_thread or 0) * 7919)
end

local rate = tonumber(os.getenv("BENCH_RATE") or "")
if rate and rate > 0 then
    local ffi = require("ffi")
    ffi.cdef [[
        typedef struct { long tv_sec; long tv_usec; } bench_timeval;
        int gettimeofday(bench_timeval *tv, void *tz);
    ]]
    local tv = ffi.new("bench_timeval")
    local function now_ms()
        ffi.C.gettimeofday(tv, nil)
        return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
    end
    local interval = 1000 * tonumber(os.getenv("BENCH_THREADS") or "1") / rate
    local slot = nil
    -- Called before each request of this thread's connections: wait until the thread's next free slot. A thread that
    -- falls behind does not send a burst to catch up.
    delay = function()
        local now = now_ms()
        if slot == nil or slot < now then
            slot = now
        end
        local wait = slot - now
        slot = slot + interval
        return wait
    end
end
