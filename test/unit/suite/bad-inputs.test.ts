/**
 * The corpus of bad suites: each must be refused with exactly one InputError whose
 * message starts with the expected `file:line:col:` and says what is wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadSuiteFile, parseSuiteText } from '../../../src/suite/load.js';

const H = 'name: t\ncases:\n';
const MM = '  - workload: matmul\n    params: {m: 1, n: 1, k: 1}\n';

/** [label, text, `line:col`, fragment of the message after the prefix]. */
const INLINE: [string, string, string, string][] = [
  // Syntax and structure.
  ['empty file', '', '1:1', 'the suite file is empty; it needs at least name: and cases:'],
  ['whitespace only', '\n\n   \n', '1:1', 'the suite file is empty'],
  ['duplicate key', 'name: t\nname: u\ncases: []\n', '2:1', 'duplicate key; each key may appear once'],
  ['unclosed quote', 'name: "t\ncases: []\n', '3:1', 'Missing closing "quote'],
  ['unclosed flow list', 'name: t\ncases: [\n', '3:1', 'must be sufficiently indented and end with a ]'],
  ['unknown tag', 'name: !foo t\ncases: []\n', '1:7', 'tag !foo is not allowed in a suite file; remove it'],
  ['binary tag', 'name: t\ndescription: !!binary aGVsbG8=\ncases: []\n', '2:23', 'tag !!binary is not allowed'],
  ['merge key', 'name: t\ncases:\n  - workload: matmul\n    params:\n      <<: {m: 1}\n      n: 1\n', '5:7', 'merge keys (<<) are not supported'],
  [
    'alias bomb',
    'name: t\na: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\ncases: []\n',
    '1:1',
    'aliases expand too much',
  ],
  ['deep nesting', `name: t\ncases: ${'['.repeat(2000)}`, '2:', 'nesting too deep'],
  ['a list, not a mapping', '- a\n- b\n', '1:1', 'the suite must be a mapping with name: and cases:, got ["a", "b"]'],
  ['a scalar, not a mapping', 'hello\n', '1:1', 'the suite must be a mapping with name: and cases:, got "hello"'],
  // Scalar typing (YAML 1.2 core).
  ['yes for a boolean', H + '  - workload: matmul\n    params: {m: 1, n: 1, k: 1, trans_a: yes}\n', '4:41', 'cases[0].params.trans_a must be true or false, got "yes" (YAML 1.2 reads yes as a string'],
  ['on for a boolean', H + '  - workload: matmul\n    params: {m: 1, n: 1, k: 1, trans_b: on}\n', '4:41', 'must be true or false, got "on"'],
  ['integer beyond 2^53', H + '  - workload: matmul\n    params: {m: 9007199254740993, n: 1, k: 1}\n', '4:17', '9007199254740993 is beyond 2^53'],
  ['.inf', H + '  - workload: train\n    params: {layers: [4, 2], batch: 1, lr: .inf}\n', '4:44', '.inf is not a finite number'],
  ['1_000 is a string', H + '  - workload: matmul\n    params: {m: 1_000, n: 1, k: 1}\n', '4:17', 'cases[0].params.m must be a positive integer, got "1_000"'],
  ['~ is null', H + '  - workload: matmul\n    params: {m: ~, n: 1, k: 1}\n', '4:17', 'cases[0].params.m must be a positive integer, got nothing (null)'],
  ['fractional size', H + '  - workload: matmul\n    params: {m: 1.5, n: 1, k: 1}\n', '4:17', 'cases[0].params.m must be a positive integer, got 1.5'],
  ['negative size', H + '  - workload: matmul\n    params:\n      m: -4\n      n: 1\n      k: 1\n', '5:10', 'cases[0].params.m must be a positive integer, got -4'],
  ['dimension above 2^31', H + '  - workload: matmul\n    params: {m: 3000000000, n: 1, k: 1}\n', '4:17', 'cases[0].params.m must be at most 2147483647, got 3000000000'],
  ['fractional seed', 'name: t\nseed: 1.5\ncases: []\n', '2:7', 'seed must be an integer ≥ 0, got 1.5'],
  // Schema.
  ['missing name', 'cases:\n' + MM, '1:1', 'the suite is missing "name"; add name: my-suite'],
  ['missing cases', 'name: t\n', '1:1', 'the suite is missing "cases"; add cases:'],
  ['empty cases', 'name: t\ncases: []\n', '2:8', 'cases must be a non-empty list of case entries'],
  ['bad suite name', 'name: My Suite\ncases:\n' + MM, '1:7', 'name must be a name of lowercase letters, digits, - and _ (e.g. my-suite), got "My Suite"'],
  ['top-level typo', 'name: t\ncasse: []\n', '2:1', 'unknown key "casse" at the top level; did you mean cases?'],
  ['__proto__ at the top', 'name: t\n__proto__: {a: 1}\ncases:\n' + MM, '2:1', 'key "__proto__" at the top level is a reserved JavaScript name'],
  ['constructor in params', H + '  - workload: matmul\n    params: {m: 1, n: 1, k: 1, constructor: 2}\n', '4:32', 'key "constructor" in cases[0].params is a reserved JavaScript name'],
  ['case is a string', H + '  - matmul\n', '3:5', 'cases[0] must be a mapping with workload: and params:, got "matmul"'],
  ['case key typo', H + '  - workload: matmul\n    parms: {m: 1, n: 1, k: 1}\n', '4:5', 'unknown key "parms" in cases[0]; did you mean params?'],
  ['budget unit typo', 'name: t\nbudget: {min_time_ms: 5}\ncases:\n' + MM, '2:10', 'unknown key "min_time_ms" in budget; did you mean min_time_s?'],
  ['budget zero samples', 'name: t\nbudget: {min_samples: 0}\ncases:\n' + MM, '2:23', 'budget.min_samples must be an integer ≥ 1, got 0'],
  ['budget min above max', 'name: t\nbudget: {min_time_s: 5}\ncases:\n' + MM, '2:9', 'min_time_s (5) is above max_time_s (2)'],
  ['case budget min above max', H + '  - workload: matmul\n    budget: {min_samples: 5000}\n    params: {m: 1, n: 1, k: 1}\n', '4:13', 'cases[0].budget: min_samples (5000) is above max_samples (1000)'],
  ['duplicate backend', 'name: t\nbackends: [cpu, cpu]\ncases:\n' + MM, '2:11', 'backends lists "cpu" twice'],
  ['threshold 5 means 500%', 'name: t\nthreshold: 5\ncases:\n' + MM, '2:12', 'threshold must be a percentage such as "5%" (0–100%) or a fraction such as 0.05; got 5'],
  ['threshold typo', 'name: t\nthreshold: 5 pct\ncases:\n' + MM, '2:12', 'threshold must be a percentage such as "5%"'],
  ['runner name with capitals', 'name: t\nrunners: {Mine: [./r]}\ncases:\n' + MM, '2:11', 'key "Mine" in runners must be a runner name of lowercase letters, digits, - and _'],
  ['runner with no command', 'name: t\nrunners: {mine: []}\ncases:\n' + MM, '2:17', 'runners.mine must be a command as a non-empty list of arguments, e.g. [python3, ./my_runner.py], got []'],
  ['runner command as a string', 'name: t\nrunners: {mine: ./r --x}\ncases:\n' + MM, '2:17', 'runners.mine must be a command as a non-empty list of arguments'],
  // Workload level.
  ['missing workload', H + '  - params: {m: 1, n: 1, k: 1}\n', '3:5', 'cases[0] is missing "workload"; add workload: matmul'],
  ['unknown workload', H + '  - workload: matmull\n    params: {m: 1, n: 1, k: 1}\n', '3:15', 'cases[0].workload must be one of matmul, conv2d, train, attention, bandwidth, infer, got "matmull"; did you mean matmul?'],
  ['unknown parameter', H + '  - workload: matmul\n    params: {m: 1, n: 1, kk: 1}\n', '4:26', 'matmul has no parameter "kk"; did you mean k?'],
  ['dtype inside params', H + '  - workload: matmul\n    params: {m: 1, n: 1, k: 1, dtype: f16}\n', '4:32', 'dtype goes beside params:, not inside it'],
  ['missing parameter', H + '  - workload: matmul\n    params: {m: 1, n: 1}\n', '4:13', 'cases[0].params: matmul needs k (a positive integer); add k: 1024 under params:'],
  ['no params at all', H + '  - workload: train\n', '3:5', 'train needs layers (a list of at least 2 positive integers), batch (a positive integer)'],
  ['unknown dtype', H + '  - workload: matmul\n    dtype: fp16\n    params: {m: 1, n: 1, k: 1}\n', '4:12', 'cases[0].dtype must be one of f32, tf32, f16, bf16, got "fp16"; did you mean f16?'],
  ['unknown dtype in a list', H + '  - workload: matmul\n    dtype: [f32, bf61]\n    params: {m: 1, n: 1, k: 1}\n', '4:18', 'cases[0].dtype[1] must be one of'],
  ['bad enum', H + '  - workload: conv2d\n    params: {n: 1, c: 3, h: 8, w: 8, k: 4, r: 3, s: 3, layout: NCHW}\n', '4:64', 'cases[0].params.layout must be one of nchw, nhwc, got "NCHW"'],
  ['lr zero', H + '  - workload: train\n    params: {layers: [4, 2], batch: 1, lr: 0}\n', '4:44', 'cases[0].params.lr must be a number greater than 0, got 0'],
  ['one layer', H + '  - workload: train\n    params: {layers: [10], batch: 1}\n', '4:22', 'cases[0].params.layers must be a list of at least 2 positive integers, got [10]'],
  ['empty sweep', H + '  - workload: matmul\n    params: {m: [], n: 1, k: 1}\n', '4:17', 'cases[0].params.m is an empty list; give at least one value'],
  ['bad value in a sweep', H + '  - workload: matmul\n    params: {m: [8, 0], n: 1, k: 1}\n', '4:21', 'cases[0].params.m[1] must be a positive integer, got 0'],
  ['groups do not divide', H + '  - workload: conv2d\n    params: {n: 1, c: 3, h: 8, w: 8, k: 4, r: 3, s: 3, groups: 2}\n', '4:13', 'cases[0]: groups=2 must divide c=3 (in conv2d n=1 c=3 h=8 w=8 k=4 r=3 s=3 groups=2 dtype=f32)'],
  ['filter larger than input', H + '  - workload: conv2d\n    params: {n: 1, c: 3, h: 2, w: 2, k: 4, r: 3, s: 3}\n', '4:13', 'output would be 0×0'],
  ['tensor above 2^34', H + '  - workload: matmul\n    params: {m: 2000000000, n: 2000000000, k: 1}\n', '4:13', 'C would hold 4000000000000000000 elements, above 2^34'],
  ['range with step and mul', H + '  - workload: matmul\n    params: {m: {from: 1, to: 8, step: 1, mul: 2}, n: 1, k: 1}\n', '4:17', 'a range needs exactly one of step: (arithmetic) or mul: (geometric)'],
  ['range backwards', H + '  - workload: matmul\n    params: {m: {from: 8, to: 1, step: 1}, n: 1, k: 1}\n', '4:17', 'from (8) is above to (1); swap them'],
  ['range key typo', H + '  - workload: matmul\n    params: {m: {from: 1, to: 8, stp: 1}, n: 1, k: 1}\n', '4:34', 'unknown range key "stp"'],
  ['range mul 1', H + '  - workload: matmul\n    params: {m: {from: 1, to: 8, mul: 1}, n: 1, k: 1}\n', '4:39', 'cases[0].params.m.mul must be an integer ≥ 2, got 1'],
  ['range on a boolean', H + '  - workload: matmul\n    params: {m: 1, n: 1, k: 1, trans_a: {from: 1, to: 2, step: 1}}\n', '4:41', 'ranges apply to integer parameters only'],
  ['range too long', H + '  - workload: matmul\n    params: {m: {from: 1, to: 100000, step: 1}, n: 1, k: 1}\n', '4:17', 'expands to 100000 values, above the limit of 10000'],
  ['entry too large', H + '  - workload: matmul\n    params: {m: {from: 1, to: 100, step: 1}, n: {from: 1, to: 200, step: 1}, k: 1}\n', '3:5', 'cases[0] expands to 20000 cases, above the limit of 10000'],
  ['case backend outside the suite', 'name: t\nbackends: [cpu]\ncases:\n  - workload: matmul\n    backends: [cuda]\n    params: {m: 1, n: 1, k: 1}\n', '5:16', 'cases[0].backends[0] "cuda" is not among the suite\'s backends (cpu)'],
];

function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('inline bad suites', () => {
  test.each(INLINE)('%s', (_label, text, at, fragment) => {
    const err = refusal(() => parseSuiteText(text, 'suites/bad.yaml'));
    expect(err.message.startsWith(`suites/bad.yaml:${at}`)).toBe(true);
    expect(err.message).toMatch(/^suites\/bad\.yaml:\d+:\d+: /);
    expect(err.message).toContain(fragment);
    expect(err.message).not.toContain('\n');
    expect(err.exitCode).toBe(2);
  });

  test('the corpus is large enough', () => {
    expect(INLINE.length).toBeGreaterThanOrEqual(25);
  });
});

const BAD_DIR = join(import.meta.dirname, '../../fixtures/suites/bad');

describe('fixture files', () => {
  const files = readdirSync(BAD_DIR).filter((f) => f.endsWith('.yaml')).sort();
  test.each(files)('%s', async (name) => {
    const header = /# expect: (\d+:\d+) \| (.*)/.exec(readFileSync(join(BAD_DIR, name), 'latin1'));
    if (!header) throw new Error(`${name} lacks a "# expect: line:col | fragment" header`);
    const file = join(BAD_DIR, name);
    const err = await loadSuiteFile(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const message = (err as InputError).message;
    expect(message.startsWith(`${file}:${header[1]}: `)).toBe(true);
    expect(message).toContain(header[2]);
  });
});
