import { describe, expect, it } from 'vitest';
import { LineWaitError, RunnerProcess } from '../../../src/runner/process.js';

describe('RunnerProcess and lines nobody asked for', () => {
  it('counts and drops them (bounded memory), never handing one to a later request', async () => {
    const flood = "for (let i = 0; i < 100000; i++) process.stdout.write(`{\"id\":${i},\"op\":\"run\",\"ok\":true}\\n`); setInterval(() => {}, 1e6)";
    const proc = new RunnerProcess([process.execPath, '-e', flood], process.env);
    try {
      // No request is pending while the flood arrives (the waiter below starts after it).
      let total = 0;
      let first: string | undefined;
      const end = Date.now() + 15_000;
      while (total < 100_000 && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
        const u = proc.takeUnsolicited();
        total += u?.count ?? 0;
        first ??= u?.first;
      }
      expect(total).toBe(100_000);
      expect(first).toBe('{"id":0,"op":"run","ok":true}');
      const err = await proc.nextLine(300).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LineWaitError);
      expect((err as LineWaitError).failure.kind).toBe('timeout');
    } finally {
      await proc.kill();
    }
  }, 20_000);
});
