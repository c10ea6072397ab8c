-- wrk script for `make bench`: GET a list of paths round-robin (file of one path per line,
-- given after `--`), then print one JSON line the runner parses. Cookies etc. come from -H.
local paths = {}
local i = 0

function init(args)
    for line in io.lines(args[1]) do
        if #line > 0 then
            paths[#paths + 1] = line
        end
    end
end

function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "mean_us": %f, '
            .. '"errors": %d}\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency.mean,
        e.connect + e.read + e.write + e.status + e.timeout
    ))
end
