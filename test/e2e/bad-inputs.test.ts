/**
 * The corpus of bad inputs at the command line: suites, CLI arguments and result files (for
 * compare, report and export). Each must reach the user as exactly one `error:` line (plus an
 * optional `hint:` line, or commander's "(run with --help for usage)"), with the expected message,
 * exit code 2 and no stack trace. The suite files are the fixtures of the unit corpus
 * (test/unit/suite/bad-inputs.test.ts, whose `# expect:` headers give the message); here they
 * prove the message survives the trip through the CLI.
 */
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const SMALL = fileURLToPath(new URL('../fixtures/results/small.json', import.meta.url));
const BAD_SUITES = fileURLToPath(new URL('../fixtures/suites/bad', import.meta.url));

const dir = tempDir();
const at = (name: string): string => join(dir, name);
const re = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** [label, arguments, expected error line (regex source, matched against the text after "error: ")]. */
type Row = [string, string[], string];

const HEADER = 'name: t\ncases:\n';
const MM = '  - workload: matmul\n    params: {m: 1, n: 1, k: 1}\n';

/** Suites written for the CLI corpus: the §7.3 resource attacks and the custom-runner guard. */
const INLINE_SUITES: Record<string, string> = {
  'alias-bomb.yaml': 'name: t\na: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\ncases: []\n',
  'million-cases.yaml': `${HEADER}  - workload: matmul\n    params: {m: {from: 1, to: 1000, step: 1}, n: {from: 1, to: 1000, step: 1}, k: 1}\n`,
  'beyond-2-53.yaml': `${HEADER}  - workload: matmul\n    params: {m: 9007199254740993, n: 1, k: 1}\n`,
  'custom-runner.yaml': `name: t\nrunners: {mine: [./my_runner.py]}\nbackends: [mine]\ncases:\n${MM}`,
};

const SUITE_ROWS: Row[] = [
  ['suite: alias bomb', ['validate', at('alias-bomb.yaml')], `${re(at('alias-bomb.yaml'))}:1:1: .*aliases expand too much`],
  ['suite: a million cases', ['run', at('million-cases.yaml')], `${re(at('million-cases.yaml'))}:3:5: cases\\[0\\] expands to 1000000 cases, above the limit of 10000`],
  ['suite: integer beyond 2^53', ['validate', at('beyond-2-53.yaml')], `${re(at('beyond-2-53.yaml'))}:4:17: .*9007199254740993 is beyond 2\\^53`],
  ['suite: custom runner without --allow-custom-runners', ['run', at('custom-runner.yaml')], `${re(at('custom-runner.yaml'))}:\\d+:\\d+: the suite names a custom runner "mine" .*needs --allow-custom-runners`],
  ['suite: missing file', ['validate', at('nope.yaml')], `.*nope\\.yaml.*`],
];

const CLI_ROWS: Row[] = [
  ['cli: unknown option', ['run', '--bogus'], "unknown option '--bogus'"],
  ['cli: fractional --launches', ['run', '--launches', '1.5'], '--launches must be a positive integer, got "1\\.5"'],
  ['cli: zero --threads', ['run', '--threads', '0'], '--threads must be a positive integer, got "0"'],
  ['cli: zero --timeout', ['run', '--timeout', '0'], '--timeout must be a positive number, got "0"'],
  ['cli: non-numeric --timeout', ['run', '--timeout', 'abc'], '--timeout must be a positive number, got "abc"'],
  ['cli: --timeout beyond a day', ['run', '--timeout', '100000'], '--timeout must be at most 86400 s \\(one day\\), got "100000"'],
  ['cli: --runner without NAME=', ['run', '--runner', 'BAD'], '--runner needs NAME=COMMAND with a name of lowercase letters, digits, - and _ \\(at most 64\\), got "BAD"'],
  ['cli: --runner with no command', ['run', '--runner', 'x='], '--runner x= names no command'],
  ['cli: --runner shadowing a built-in', ['run', '--runner', 'cpu=foo'], 'custom runner "cpu" would shadow the built-in backend of that name; choose another name'],
  ['cli: --runner with an open quote', ['run', '--runner', "x=node 'oops"], "unterminated ' quote in runner command: node 'oops"],
  ['cli: empty --backend', ['run', '--backend', ','], '--backend needs at least one backend name'],
  ['cli: --case dtype typo', ['run', '--case', 'matmul m=1 n=1 k=1 dtype=fp16'], '--case "matmul m=1 n=1 k=1 dtype=fp16": dtype must be one of f32, tf32, f16, bf16, got "fp16"; did you mean f16\\?'],
  ['cli: --case missing a size', ['run', '--case', 'matmul m=1 n=1'], '--case "matmul m=1 n=1": missing k \\(a positive integer\\)'],
  ['cli: --resume of a non-journal', ['run', '--resume', 'r.json'], '--resume needs a journal \\(<out>\\.json\\.journal\\.jsonl\\), got r\\.json'],
  ['cli: compare --format xml', ['compare', at('ok.json'), at('ok.json'), '--format', 'xml'], "unknown --format 'xml'; expected one of: text, md, github, json"],
  ['cli: compare --threshold abc', ['compare', at('ok.json'), at('ok.json'), '--threshold', 'abc'], '--threshold must be a percentage such as "5%" .*; got "abc"'],
  ['cli: compare --min-launches 0', ['compare', at('ok.json'), at('ok.json'), '--min-launches', '0'], '--min-launches must be a positive integer, got "0"'],
  ['cli: report --pick mean', ['report', at('ok.json'), '--pick', 'mean'], '--pick must be "median" or "best", got "mean"'],
  ['cli: export --format nope', ['export', at('ok.json'), '--format', 'nope'], "unknown export format 'nope'; expected one of: gab-smaller, gab-bigger, gbench, hyperfine, csv"],
  ['cli: export without --format', ['export', at('ok.json')], "required option '--format <f>' not specified"],
  ['cli: export --out over a file', ['export', at('ok.json'), '--format', 'csv', '--out', at('taken.csv')], `${re(at('taken.csv'))} already exists`],
];

/** Result-file defects: [name, file name, how the file is made from a good one]. */
const RESULT_DEFECTS: [string, string, (good: string) => string, string][] = [
  ['malformed', 'malformed.json', (g) => g.replace('"schema"', '"schema" "x"'), ':\\d+:\\d+: invalid JSON: '],
  ['truncated', 'truncated.json', (g) => g.slice(0, Math.floor(g.length / 2)), ':\\d+:\\d+: the file is truncated \\(the JSON ends early\\)'],
  ['other version', 'v2.json', (g) => g.replace('mpsbench.result/v1', 'mpsbench.result/v2'), ' has schema "mpsbench\\.result/v2"; this mpsbench reads mpsbench\\.result/v1'],
  ['empty', 'empty.json', () => '', ' is empty'],
  ['not an object', 'array.json', () => '[1, 2]', ' is not an mpsbench result file \\(the top level is not an object\\)'],
  ['no schema', 'noschema.json', () => '{"results": []}', ' is not an mpsbench result file \\(no "schema" field\\)'],
  ['no results', 'noresults.json', (g) => JSON.stringify({ ...(JSON.parse(g) as object), results: undefined }), ': "results" is missing or not an array'],
  ['case without launches', 'nolaunches.json', (g) => { const d = JSON.parse(g) as { results: Record<string, unknown>[] }; delete d.results[0]?.launches; return JSON.stringify(d); }, ': results\\[0\\] \\(.*\\) has no "launches" array'],
  ['runner record named constructor', 'ctor.json', (g) => g.replace(/"runners": ?\{/, '"runners":{"constructor":5,'), ': env\\.runners\\["constructor"\\] is not a runner record'],
  ['more results than the limit', 'many.json', (g) => manyResults(g, 100_001), ' holds 100001 results, above the limit of 100000'],
  ['duplicate case', 'dup.json', (g) => { const d = JSON.parse(g) as { results: unknown[] }; d.results.push(d.results[0]); return JSON.stringify(d); }, ': case key ".*" appears twice'],
];

/** A good file with `n` minimal failed cases (each valid for the reader). */
function manyResults(good: string, n: number): string {
  const d = JSON.parse(good) as { results: unknown[] };
  d.results = Array.from({ length: n }, (_, i) => ({ key: `cpu/k${i}`, spec: 's', workload: 'matmul', backend: 'cpu', dtype: 'f32', status: 'failed', launches: [], work: {} }));
  return JSON.stringify(d);
}

/** Each defect through each reading command, the three required ones everywhere, the rest spread out. */
function resultRows(): Row[] {
  const rows: Row[] = [];
  const commands: [string, (f: string) => string[]][] = [
    ['compare', (f) => ['compare', at('ok.json'), f]],
    ['report', (f) => ['report', at('ok.json'), f]],
    ['export', (f) => ['export', f, '--format', 'csv']],
  ];
  RESULT_DEFECTS.forEach(([name, file, , message], i) => {
    const which = i < 3 ? commands : [commands[i % 3] ?? commands[0]];
    for (const c of which) if (c) rows.push([`result (${c[0]}): ${name}`, c[1](at(file)), `${re(at(file))}${message}`]);
  });
  rows.push(['result (compare): missing file', ['compare', at('ok.json'), at('missing.json')], `cannot read ${re(at('missing.json'))}: no such file`]);
  rows.push(['result (report): a directory', ['report', at('ok.json'), at('adir.json')], `cannot read ${re(at('adir.json'))}: it is a directory`]);
  for (const c of commands) rows.push([`result (${c[0]}): larger than the size limit`, c[1](at('huge.json')), `${re(at('huge.json'))} is 129 MiB, above the limit of 128 MiB`]);
  return rows;
}

/** Suite fixtures of the unit corpus, through `mpsbench validate`. */
function fixtureRows(): Row[] {
  return readdirSync(BAD_SUITES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name): Row => {
      const file = join(BAD_SUITES, name);
      const header = /# expect: (\d+:\d+) \| (.*)/.exec(readFileSync(file, 'latin1'));
      return [`suite fixture: ${name}`, ['validate', file], `${re(file)}:${header?.[1] ?? '?'}: .*${re((header?.[2] ?? '?').trim())}`];
    });
}

const ROWS: Row[] = [...fixtureRows(), ...SUITE_ROWS, ...CLI_ROWS, ...resultRows()];

beforeAll(() => {
  const good = readFileSync(SMALL, 'utf8');
  writeFileSync(at('ok.json'), good);
  writeFileSync(at('taken.csv'), 'keep me\n');
  mkdirSync(at('adir.json'));
  for (const [, file, make] of RESULT_DEFECTS) writeFileSync(at(file), make(good));
  writeFileSync(at('huge.json'), '');
  truncateSync(at('huge.json'), 129 * 2 ** 20); // sparse: costs no disk
  for (const [file, text] of Object.entries(INLINE_SUITES)) writeFileSync(at(file), text);
});

describe('bad inputs at the command line', () => {
  it('the corpus holds at least 30 inputs across suites, arguments and result files', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
    expect(ROWS.filter((r) => r[0].startsWith('suite')).length).toBeGreaterThanOrEqual(10);
    expect(ROWS.filter((r) => r[0].startsWith('cli')).length).toBeGreaterThanOrEqual(10);
    expect(ROWS.filter((r) => r[0].startsWith('result')).length).toBeGreaterThanOrEqual(10);
  });

  it.each(ROWS)('%s → one line, exit 2', async (_label, args, message) => {
    const r = await cli(args, { cwd: dir, timeoutMs: 60_000 });
    expect(r.exitCode, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    const errors = lines.filter((l) => l.startsWith('error: '));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]?.slice('error: '.length)).toMatch(new RegExp(`^${message}`));
    // Nothing but the error, its hint and commander's pointer to --help; never a stack trace.
    for (const l of lines) expect(l, r.stderr).toMatch(/^(error: | {2}hint: |\(run with --help for usage\)$|warning: )/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
    if (args[0] === 'export' && args.includes('--out')) expect(readFileSync(at('taken.csv'), 'utf8')).toBe('keep me\n');
  }, 60_000);
});
