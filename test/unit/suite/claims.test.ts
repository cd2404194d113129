import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadSuiteArg } from '../../../src/suite/builtin.js';
import { parseSuiteText } from '../../../src/suite/load.js';

const CASES = 'cases:\n  - { workload: train, params: { layers: [8, 4], batch: 2 } }\n';

describe('suite claims', () => {
  it('loads claims as written', () => {
    const s = parseSuiteText(`name: c\nclaims:\n  - { text: "up to 8x", speedup: 8, backend: tf-gpu, baseline: tf-cpu, workload: train }\n${CASES}`, 'c.yaml');
    expect(s.claims).toEqual([{ text: 'up to 8x', speedup: 8, backend: 'tf-gpu', baseline: 'tf-cpu', workload: 'train' }]);
  });

  it('refuses a claim without a speed-up, or with an unknown field, at its position', () => {
    const missing = `name: c\nclaims:\n  - { text: "fast", backend: a, baseline: b }\n${CASES}`;
    expect(() => parseSuiteText(missing, 'c.yaml')).toThrow(InputError);
    expect(() => parseSuiteText(missing, 'c.yaml')).toThrow(/c\.yaml:3:5/);
    expect(() => parseSuiteText(`name: c\nclaims:\n  - { text: t, speedup: 0, backend: a, baseline: b }\n${CASES}`, 'c.yaml')).toThrow(InputError);
    expect(() => parseSuiteText(`name: c\nclaims:\n  - { text: t, speedup: 2, backend: a, baseline: b, bogus: 1 }\n${CASES}`, 'c.yaml')).toThrow(/bogus/);
  });

  it('the built-in claim suites state the claims they check, and apple-frameworks runs exactly the default cases', async () => {
    expect((await loadSuiteArg('tf-metal-vs-cpu')).claims).toEqual([expect.objectContaining({ speedup: 8, backend: 'tf-gpu', baseline: 'tf-cpu', workload: 'train' })]);
    expect((await loadSuiteArg('pytorch-mps-vs-cpu')).claims).toEqual([expect.objectContaining({ speedup: 4.7, backend: 'torch-mps', baseline: 'torch-cpu' })]);
    const strip = (entries: { source?: unknown }[]) => entries.map(({ source: _source, ...rest }) => rest);
    expect(strip((await loadSuiteArg('apple-frameworks')).entries)).toEqual(strip((await loadSuiteArg('default')).entries));
  });
});
