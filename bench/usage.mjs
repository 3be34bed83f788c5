// Preloaded (node --import) into every timed process by bench/measure.mjs: at exit, appends the
// process's CPU time (user + system, all threads) and peak RSS as one JSON line to BENCH_USAGE_FILE.
// CPU time is steadier than wall time on a loaded machine; both are reported.
import fs from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    const line = { cpuMs: (user + system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
