import { mkdirSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { withBuildLock } from '../../../src/runner/build.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'mpsbench-lock-'));

describe('the native build lock', () => {
  it('takes over a lock left by a dead owner (a .lock directory nobody refreshes) within seconds', async () => {
    const dir = fresh();
    mkdirSync(join(dir, '.lock'));
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, '.lock'), old, old);
    const t0 = Date.now();
    await expect(withBuildLock(dir, () => Promise.resolve('built'))).resolves.toBe('built');
    expect(Date.now() - t0).toBeLessThan(5000);
  }, 20_000);

  it('waits for a live owner, says whom it waits for, and stops waiting on Ctrl-C', async () => {
    const dir = fresh();
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let releaseFirst: () => void = () => undefined;
    const first = withBuildLock(dir, () => new Promise<void>((r) => (releaseFirst = r)));
    await new Promise((r) => setTimeout(r, 300));
    const controller = new AbortController();
    const second = withBuildLock(dir, () => Promise.resolve(), controller.signal);
    await new Promise((r) => setTimeout(r, 800));
    controller.abort();
    await expect(second).rejects.toThrow('the native build was interrupted');
    expect(write.mock.calls.map((c) => String(c[0])).join('')).toMatch(new RegExp(`waiting for another mpsbench building in .* \\(pid ${process.pid} on `));
    write.mockRestore();
    releaseFirst();
    await first;
    await expect(withBuildLock(dir, () => Promise.resolve(1))).resolves.toBe(1);
  }, 20_000);
});
