// Preloaded (node --import) into every timed process by bench/measure.mjs: at exit, appends the
// process's CPU time (user + system, all threads) and peak RSS as one JSON line to BENCH_USAGE_FILE.
// CPU time is steadier than wall time on a loaded machine; both are reported.
// Peak RSS is the kernel's high-water mark of this program's memory (VmHWM): getrusage's maxRSS also
// counts the forked copy of the benchmark process itself before exec, which held earlier outputs.
import fs from 'node:fs';

function peakRssKB() {
  try {
    const m = /^VmHWM:\s*(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS;
}

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    const line = { cpuMs: (user + system) / 1000, maxRssMB: peakRssKB() / 1024 };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
