import { describe, expect, it } from 'vitest';
import { redact, redactString } from '../../../src/doctor/redact.js';

const me = { home: '/home/alice', user: 'alice', host: 'alices-mbp' };

describe('doctor report redaction', () => {
  it('removes the home directory, user and host names and absolute paths', () => {
    expect(redactString('/home/alice/src/mpsbench/native/build/mpsbench-runner-mps', me)).toBe('…/mpsbench-runner-mps');
    expect(redactString('cannot open /Users/bob/x.yaml: ENOENT', me)).toBe('cannot open …/x.yaml: ENOENT');
    expect(redactString('built by alice on alices-mbp', me)).toBe('built by <user> on <host>');
    expect(redactString('python="/opt/homebrew/bin/python3"', me)).toBe('python="…/python3"');
  });
  it('leaves case keys, ratios and library names alone', () => {
    for (const s of ['mps/matmul m=24 n=20 dtype=f16', 'f16/bf16', '3/4 done', 'OpenBLAS 0.3.21', 'alicex']) expect(redactString(s, me)).toBe(s);
  });
  it('redacts every string and key of a nested value and keeps numbers', () => {
    expect(redact({ a: ['/home/alice/a/b'], '/tmp/k': { n: 3, s: 'alice' } }, me)).toEqual({ a: ['…/b'], '…/k': { n: 3, s: '<user>' } });
  });
});
