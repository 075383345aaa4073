-- wrk script for the load run: every request asks for the next path of those given
-- after `--` on wrk's command line, round and round; then report.lua's summary.
local paths, index = {}, 0

init = function(args)
  for _, path in ipairs(args) do paths[#paths + 1] = path end
end

request = function()
  index = index % #paths + 1
  return wrk.format(nil, paths[index])
end

dofile(os.getenv("BENCH_REPORT_LUA"))
