// Preloaded (`node --import`) into every process the benchmark times: at exit it reports the process's
// peak resident memory and CPU time on stderr, so the runner needs no /usr/bin/time.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nbench-usage ${JSON.stringify({ maxRssKb: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 })}\n`);
});
