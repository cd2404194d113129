/** Facts about this host that backend probes and native builds check, each in one place. */
import { execa } from 'execa';

/** Whether `cmd args` runs and exits 0 within 10 s (a tool probe: cmake, nvcc, nvidia-smi …). */
export async function hasCommand(cmd: string, args = ['--version']): Promise<boolean> {
  const r = await execa(cmd, args, { reject: false, timeout: 10_000 });
  return !r.failed;
}

/** Why MPS cannot run here (it needs macOS on Apple silicon), or undefined when it can. */
export function noAppleSilicon(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string | undefined {
  return platform === 'darwin' && arch === 'arm64' ? undefined : 'MPS needs macOS on Apple silicon (darwin/arm64)';
}
