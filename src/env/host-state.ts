/**
 * Host facts that change timings and that `os.version()` does not give: the operating system by
 * its distribution name and version (Linux `/etc/os-release` PRETTY_NAME, macOS `sw_vers`), the
 * CPU frequency governor, AC or battery power, and the hottest thermal zone, each only where the
 * machine exposes it (a VM usually exposes none). Also the settings known to distort results,
 * as warnings `run` prints and `compare` repeats when the two sides differ.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { platform, release, type } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/** Power and thermal state at capture time; fields absent where unreadable. */
export interface HostState {
  /** `scaling_governor` of cpu0, e.g. performance, powersave, schedutil. */
  cpu_governor?: string;
  /** `ac` or `battery` (a laptop on battery is often clocked down). */
  power?: 'ac' | 'battery';
  /** Hottest thermal zone, °C. */
  thermal_c?: number;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** "Debian GNU/Linux 12 (bookworm)", "macOS 15.1", or `<type> <release>` when neither is known. */
export async function osName(): Promise<string> {
  if (platform() === 'linux') {
    const rel = readText('/etc/os-release') ?? readText('/usr/lib/os-release');
    const pretty = rel === undefined ? undefined : /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(rel)?.[1];
    if (pretty) return pretty;
  }
  if (platform() === 'darwin') {
    const [name, ver] = await Promise.all(['-productName', '-productVersion'].map((a) => execa('sw_vers', [a], { reject: false, timeout: 5000 })));
    if (name && ver && !name.failed && !ver.failed) return `${name.stdout.trim()} ${ver.stdout.trim()}`;
  }
  return `${type()} ${release()}`;
}

/** Reads the governor, power source and thermal state where `/sys` exposes them (Linux). */
export function hostState(sys = '/sys'): HostState {
  const out: HostState = {};
  const gov = readText(join(sys, 'devices/system/cpu/cpu0/cpufreq/scaling_governor'));
  if (gov) out.cpu_governor = gov;
  const supplies = join(sys, 'class/power_supply');
  if (existsSync(supplies)) {
    const online = readdirSync(supplies).map((d) => ({ kind: readText(join(supplies, d, 'type')), online: readText(join(supplies, d, 'online')), status: readText(join(supplies, d, 'status')) }));
    const mains = online.filter((s) => s.kind === 'Mains');
    const battery = online.find((s) => s.kind === 'Battery');
    if (mains.some((s) => s.online === '1')) out.power = 'ac';
    else if (battery?.status === 'Discharging') out.power = 'battery';
  }
  const thermal = join(sys, 'class/thermal');
  if (existsSync(thermal)) {
    const temps = readdirSync(thermal).filter((d) => d.startsWith('thermal_zone')).map((d) => Number(readText(join(thermal, d, 'temp'))) / 1000);
    const good = temps.filter((t) => Number.isFinite(t) && t > 0 && t < 150);
    if (good.length > 0) out.thermal_c = Math.max(...good);
  }
  return out;
}

/** Warnings about settings known to distort timings: variables and host state. */
export function distortionWarnings(variables: Readonly<Record<string, string>>, state: HostState): string[] {
  const out: string[] = [];
  const core = variables.OPENBLAS_CORETYPE;
  if (core !== undefined) out.push(`OPENBLAS_CORETYPE=${core} makes OpenBLAS use ${core} kernels instead of the best for this CPU (the cpu and numpy backends); unset it unless you mean to measure that`);
  const omp = variables.OMP_NUM_THREADS;
  if (omp !== undefined) out.push(`OMP_NUM_THREADS=${omp} caps the CPU backends' threads; --threads is the recorded way to set them`);
  if (state.cpu_governor !== undefined && state.cpu_governor !== 'performance') out.push(`the CPU frequency governor is "${state.cpu_governor}", not "performance": clocks vary with load`);
  if (state.power === 'battery') out.push('running on battery: laptops clock down; plug in for numbers you compare');
  if (state.thermal_c !== undefined && state.thermal_c >= 90) out.push(`the CPU is at ${state.thermal_c.toFixed(0)} °C: it may be throttling`);
  return out;
}
