import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import { checkSuiteRunnersAllowed, parseRunnerArg, splitArgv } from '../../../src/runner/custom.js';
import { backendNames, backendRegistry } from '../../../src/runner/registry.js';
import { parseSuiteText } from '../../../src/suite/load.js';

describe('splitArgv', () => {
  it('splits like a shell without expanding anything', () => {
    expect(splitArgv('python3  ./r.py --x')).toEqual(['python3', './r.py', '--x']);
    expect(splitArgv(`node "my runner.mjs" '{"a": 1}' a\\ b`)).toEqual(['node', 'my runner.mjs', '{"a": 1}', 'a b']);
    expect(splitArgv('echo "say \\"hi\\"" $HOME *')).toEqual(['echo', 'say "hi"', '$HOME', '*']);
    expect(splitArgv(`x ''`)).toEqual(['x', '']);
    expect(() => splitArgv('python3 "unterminated')).toThrow(UsageError);
  });
});

describe('--runner NAME=COMMAND', () => {
  it('parses name and argv', () => {
    expect(parseRunnerArg('mine=python3 ./r.py --fast')).toEqual({ name: 'mine', command: ['python3', './r.py', '--fast'] });
    expect(parseRunnerArg('a-b_2=node "x y.mjs"').command).toEqual(['node', 'x y.mjs']);
  });

  it('refuses bad names and empty commands', () => {
    expect(() => parseRunnerArg('python3 r.py')).toThrow(/NAME=COMMAND/);
    expect(() => parseRunnerArg('Bad=x')).toThrow(/NAME=COMMAND/);
    expect(() => parseRunnerArg('mine=  ')).toThrow(/names no command/);
  });

  it('builds a registry with the custom backend, leaving the built-in list alone', async () => {
    const mine = { name: 'unit-custom', command: ['node', 'x.mjs'] };
    const registry = backendRegistry([mine, { ...mine }]);
    expect(registry.names()).toEqual([...backendNames(), 'unit-custom']);
    expect(backendNames()).not.toContain('unit-custom');
    expect(backendRegistry().get('unit-custom')).toBeUndefined();
    const spec = await registry.get('unit-custom')?.launch({ threads: 2, env: {} });
    expect(spec).toMatchObject({ backend: 'unit-custom', command: ['node', 'x.mjs'], env: { MPSBENCH_THREADS: '2' } });
  });

  it('refuses a name declared twice with different commands, and a built-in name', () => {
    expect(() => backendRegistry([{ name: 'unit-custom', command: ['a'] }, { name: 'unit-custom', command: ['other'] }])).toThrow(/declared twice/);
    expect(() => backendRegistry([{ name: 'torch-cpu', command: ['x'] }])).toThrow(/shadow the built-in backend/);
  });
});

describe('runners: in suite files', () => {
  const text = 'name: s\nrunners:\n  mine: [python3, ./r.py, ../up.py, plain.py]\ncases:\n  - workload: matmul\n    params: {m: 8, n: 8, k: 8}\n';

  it('resolves ./ and ../ against the suite file and keeps the entry position', () => {
    const suite = parseSuiteText(text, '/base/dir/s.yaml');
    expect(suite.runners).toEqual([
      { name: 'mine', command: ['python3', '/base/dir/r.py', '/base/up.py', 'plain.py'], source: { file: '/base/dir/s.yaml', line: 3, col: 3 } },
    ]);
  });

  it('refuses to run them without --allow-custom-runners, naming file:line:col', () => {
    const runners = parseSuiteText(text, 'dir/s.yaml').runners ?? [];
    expect(() => checkSuiteRunnersAllowed(runners, ['cpu', 'mine'], false)).toThrow(InputError);
    expect(() => checkSuiteRunnersAllowed(runners, ['cpu', 'mine'], false)).toThrow(/^dir\/s\.yaml:3:3: .*--allow-custom-runners/);
    expect(() => checkSuiteRunnersAllowed(runners, ['cpu'], false)).not.toThrow();
    expect(() => checkSuiteRunnersAllowed(runners, ['mine'], true)).not.toThrow();
  });

  it('rejects a runner that is not an argv list', () => {
    expect(() => parseSuiteText('name: s\nrunners:\n  mine: python3 r.py\ncases:\n  - workload: matmul\n    params: {m: 8, n: 8, k: 8}\n', 's.yaml')).toThrow(/s\.yaml:3/);
  });
});

describe('one runner-name rule for --runner and suites', () => {
  it('is the rule the suite schema states', async () => {
    const { RUNNER_NAME } = await import('../../../src/runner/custom.js');
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('../../../schema/suite.schema.json', import.meta.url), 'utf8')) as {
      properties: { runners: { propertyNames: { pattern: string; maxLength: number; not: { enum: string[] } } } };
    };
    const names = schema.properties.runners.propertyNames;
    expect(names.pattern).toBe(RUNNER_NAME.pattern.source);
    expect(names.maxLength).toBe(RUNNER_NAME.maxLength);
    expect(names.not.enum).toEqual(RUNNER_NAME.reserved);
  });

  it.each(['constructor', 'prototype'])('refuses --runner %s=… as a reserved name', (name) => {
    expect(() => parseRunnerArg(`${name}=node r.mjs`)).toThrow(`--runner name "${name}" is a reserved JavaScript name; choose another name`);
  });
});
