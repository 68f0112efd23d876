import { execFile } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the numbers were measured on; printed and written with them. */
export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  chromium: string;
  livekitServer: string;
  kernel: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAtStart: number;
}

async function versionOf(bin: string | undefined, pattern: RegExp): Promise<string> {
  if (!bin) return 'unknown';
  try {
    const { stdout } = await run(bin, ['--version'], { timeout: 10_000 });
    return pattern.exec(stdout)?.[1] ?? stdout.trim();
  } catch (error) {
    return `unknown (${(error as Error).message.split('\n')[0]})`;
  }
}

export async function describeMachine(chromiumBin: string | undefined, livekitBin: string | undefined): Promise<Machine> {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    chromium: await versionOf(chromiumBin, /Chromium ([\d.]+)/),
    livekitServer: await versionOf(livekitBin, /version ([\w.]+)/),
    kernel: release(),
    loadAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}
