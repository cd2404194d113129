import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distortionWarnings, hostState, osName } from '../../../src/env/host-state.js';

function fakeSys(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mpsbench-sys-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), `${text}\n`);
  }
  return root;
}

describe('host state', () => {
  it('reads the governor, power source and hottest zone where /sys has them', () => {
    const sys = fakeSys({
      'devices/system/cpu/cpu0/cpufreq/scaling_governor': 'powersave',
      'class/power_supply/AC/type': 'Mains', 'class/power_supply/AC/online': '0',
      'class/power_supply/BAT0/type': 'Battery', 'class/power_supply/BAT0/status': 'Discharging',
      'class/thermal/thermal_zone0/temp': '45000', 'class/thermal/thermal_zone1/temp': '93500',
    });
    expect(hostState(sys)).toEqual({ cpu_governor: 'powersave', power: 'battery', thermal_c: 93.5 });
    expect(hostState(fakeSys({ 'class/power_supply/AC/type': 'Mains', 'class/power_supply/AC/online': '1' }))).toEqual({ power: 'ac' });
    expect(hostState(join(tmpdir(), 'no-such-sys'))).toEqual({});
  });

  it('names the OS by distribution, not the kernel build string', async () => {
    const name = await osName();
    expect(name).not.toMatch(/^#\d+ SMP/);
    expect(name.length).toBeGreaterThan(2);
  });

  it('warns about settings known to distort timings', () => {
    const w = distortionWarnings({ OPENBLAS_CORETYPE: 'Haswell', OMP_NUM_THREADS: '1' }, { cpu_governor: 'powersave', power: 'battery', thermal_c: 95 });
    expect(w).toHaveLength(5);
    expect(w[0]).toContain('OPENBLAS_CORETYPE=Haswell');
    expect(distortionWarnings({}, { cpu_governor: 'performance', power: 'ac', thermal_c: 50 })).toEqual([]);
  });
});
