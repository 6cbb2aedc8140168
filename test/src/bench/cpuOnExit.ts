import * as fs from 'node:fs';

/**
 * Preloaded (`node --require`) into a process the bench runs: on exit, writes the process's CPU time (every
 * thread, user and system, in microseconds) to the file named by ZTLINT_BENCH_CPU_FILE, which a parent cannot
 * otherwise learn from `spawnSync`.
 */
const target = process.env.ZTLINT_BENCH_CPU_FILE;
if (target) process.on('exit', () => fs.writeFileSync(target, JSON.stringify(process.cpuUsage())));
