/**
 * Command-line entry: parses arguments with commander, dispatches to lazily imported commands
 * (so `--help` stays fast), and is the only place that maps errors to exit codes and exits.
 * Known errors print one line (`error: …`, optional `hint: …`) and never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, MpsbenchError } from './errors.js';
import { error as logError, setColor } from './log.js';
import { TOOL_VERSION } from './util/version.js';
import type { RunOptions } from './commands/run.js';
import { COMPARE_FORMATS, DEFAULT_MIN_LAUNCHES } from './compare/names.js';
import { EXPORT_FORMATS } from './export/names.js';

const EXIT_HELP = `
Exit codes:
  0  success, no regression
  1  compare found a regression
  2  usage, suite, input or I/O error
  3  runner failures (cases that crashed, timed out, failed verification)
  70  internal error: a bug in mpsbench (the stack trace is printed; please report it)
  130/143  interrupted by SIGINT/SIGTERM (partial results are written)`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function buildProgram(): Command {
  const program = new Command('mpsbench')
    .description('Benchmark GPU paths (Apple MPS, CUDA, PyTorch) against the CPU on matmul, conv2d and training steps, verified against float64.')
    .version(TOOL_VERSION)
    .option('--no-color', 'disable colour (NO_COLOR is honoured too)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_HELP)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(s) });
  program.hook('preAction', (cmd) => setColor(cmd.optsWithGlobals<{ color?: boolean }>().color !== false));
  program.hook('preAction', (_cmd, action) => {
    const python = action.opts<{ python?: string }>().python;
    if (python !== undefined) process.env.MPSBENCH_PYTHON = python;
  });

  program
    .command('run')
    .description('run suites (default: the built-in "default" suite) on every available backend')
    .argument('[suites...]', 'suite files, or names of built-in suites (see "mpsbench list")')
    .option('--case <spec>', 'an ad-hoc case, e.g. "matmul m=2048 n=2048 k=2048 dtype=f32"; sweeps as in llama-bench: m=256,512 m=256-4096*2 m=256-1024+256 dtype=f32,f16 (repeatable)', collect, [])
    .option('-b, --backend <list>', 'comma-separated backends (see "mpsbench list")')
    .option('--filter <term>', 'run only matching cases: a backend, workload, dtype, entry name or name=value word, or a glob on the key such as "cpu/matmul m=2048*" (repeatable: all must match)', collect, [])
    .option('--warmup <n|time>', 'warm-up iterations per launch (hyperfine\'s --warmup), or a time such as 0.5s (default: 0.1 s and at least 2 iterations)')
    .option('--runs <n>', 'exactly N samples per launch (hyperfine\'s --runs; overrides the suite\'s budget)')
    .option('--min-runs <n>', 'fewest samples per launch (default 10)')
    .option('--max-runs <n>', 'most samples per launch (default 1000)')
    .option('--min-time <time>', 'least sampling time per launch, e.g. 0.5 or 500ms (default 0.2 s)')
    .option('--max-time <time>', 'most sampling time per launch (default 2 s; --min-runs still holds)')
    .option('-o, --out <file>', 'result JSON path, - for stdout (default results/<stamp>-<machine>.json)')
    .option('--md <file>', 'Markdown report path (default: beside the JSON; none with --out -)')
    .option('--export-json <file>', 'hyperfine\'s name for --out')
    .option('--export-markdown <file>', 'hyperfine\'s name for --md')
    .option('--export-csv <file>', 'also write the CSV report here')
    .option('--launches <n>', 'fresh runner processes per case (use ≥10 for CI gating)', '1')
    .option('--threads <n>', 'compute threads for CPU backends')
    .option('--timing <model>', 'timing model of every case: streamed (iterations back to back, throughput) or isolated (one synchronised iteration per sample, latency); default: the suite\'s, else streamed (isolated for infer)')
    .option('--machine <name>', 'label for this machine in results and file names (default: host name)')
    .option('--timeout <seconds>', 'per-case reply deadline, then SIGTERM and SIGKILL to the runner\'s process group (default: 60 s + 10 × the budget\'s max time)')
    .option('--json', 'also print the result JSON to stdout')
    .option('--force', 'overwrite existing output files (and an interrupted run\'s journal)')
    .option('--resume <journal>', 'finish an interrupted run from its <out>.json.journal.jsonl, without repeating finished cases')
    .option('--verbose-build', 'show compiler output when building native runners')
    .option('--runner <name=command>', 'a custom runner speaking docs/protocol.md, used as backend NAME (repeatable)', collect, [])
    .option('--variant <name[:settings]>', 'interleaved A/B: run every case under each variant, launches alternating (repeatable, baseline first); settings env.VAR=V, python=PATH, native=DIR, runner.NAME=CMD, threads=N, comma-separated (docs/gating.md)', collect, [])
    .option('--allow-custom-runners', 'allow running the commands that suite files name under runners:')
    .option('--allow-paravirtual', 'let the mps runner time a virtual machine\'s paravirtual GPU (CI smoke tests; never publish its numbers)')
    .option('--python <path>', 'python for the torch-* backends (default: MPSBENCH_PYTHON, python3, /usr/bin/python3)')
    .action(async (suites: string[], opts: RunOptions) => {
      const { runCommand } = await import('./commands/run.js');
      process.exitCode = await runCommand(suites, opts);
    });

  program
    .command('build')
    .description('build the native runners now (normally done on first use, cached by source hash)')
    .option('-b, --backend <list>', 'comma-separated native backends (default: those available here)')
    .option('--force', 'rebuild even if cached')
    .option('--verbose', 'show compiler output')
    .action(async (opts: Record<string, unknown>) => {
      const { buildCommand } = await import('./commands/build.js');
      process.exitCode = await buildCommand(opts);
    });

  program
    .command('list')
    .description('list built-in suites, workloads and backends (available or not, and why)')
    .option('--json', 'print as JSON')
    .option('--python <path>', 'python for the torch-* backends')
    .action(async (opts: Record<string, unknown>) => {
      const { listCommand } = await import('./commands/list.js');
      process.exitCode = await listCommand(opts);
    });

  program
    .command('env')
    .description('print the environment record that results carry')
    .option('--json', 'print as JSON')
    .option('-b, --backend <list>', 'also start these backends\' runners and include their hello')
    .option('--python <path>', 'python for the torch-* backends')
    .action(async (opts: Record<string, unknown>) => {
      const { envCommand } = await import('./commands/env.js');
      process.exitCode = await envCommand(opts);
    });

  program
    .command('validate')
    .description('check suite files without running them')
    .argument('<suites...>', 'suite files or built-in suite names')
    .action(async (suites: string[]) => {
      const { validateCommand } = await import('./commands/validate.js');
      process.exitCode = await validateCommand(suites);
    });

  program
    .command('compare')
    .description('gate: compare two result files, or two variants / backends of one interleaved run, case by case (see docs/gating.md)')
    .argument('<baseline>', 'baseline result JSON (e.g. from the base commit), or the one file of an interleaved A/B run')
    .argument('[current]', 'current result JSON (omit to compare two sides of <baseline>)')
    .option('--base <name>', 'one file: the baseline variant or backend (default: the first of two variants)')
    .option('--head <name>', 'one file: the current variant or backend')
    .option('--threshold <t>', 'regression threshold, e.g. 5% or 0.05 (overrides the suite\'s; default 5%)')
    .option('--run-noise <f>', 'two files: between-run noise floor a change must clear besides the threshold, e.g. 10% (default 10%; calibrate from A/A runs)')
    .option('--format <f>', `${COMPARE_FORMATS.join(', ')} (to stdout)`, 'text')
    .option('--min-launches <n>', 'fewest good launches (pairs, interleaved) per side for a verdict', String(DEFAULT_MIN_LAUNCHES))
    .option('--fail-on-inconclusive', 'exit 1 when a case is inconclusive or unstable too')
    .action(async (baseline: string, current: string | undefined, opts: import('./commands/compare.js').CompareOptions) => {
      const { compareCommand } = await import('./commands/compare.js');
      process.exitCode = await compareCommand(baseline, current, opts);
    });

  program
    .command('export')
    .description(`convert a result file for other tools: ${EXPORT_FORMATS.join(', ')}`)
    .argument('<result>', 'result JSON')
    .requiredOption('--format <f>', EXPORT_FORMATS.join(' | '))
    .option('-o, --out <file>', 'write here instead of stdout')
    .option('--force', 'overwrite an existing --out file')
    .action(async (result: string, opts: import('./commands/export.js').ExportOptions) => {
      const { exportCommand } = await import('./commands/export.js');
      process.exitCode = await exportCommand(result, opts);
    });

  program
    .command('report')
    .description('merge result files from many machines into a chip-by-chip comparison (Markdown, HTML, SVG)')
    .argument('<results...>', 'result JSON files, e.g. results/*.json')
    .option('-o, --out <file>', 'Markdown report path (default: stdout unless --html or --svg is given)')
    .option('--html <file>', 'also write a self-contained HTML page (inline charts, sortable tables)')
    .option('--svg <dir>', 'also write one SVG chart per case and kind into this directory')
    .option('--pick <rule>', 'same chip and backend measured several times: median or best', 'median')
    .action(async (results: string[], opts: import('./commands/report.js').ReportOptions) => {
      const { reportCommand } = await import('./commands/report.js');
      process.exitCode = await reportCommand(results, opts);
    });

  program
    .command('doctor')
    .description('first-use self-test: tiny verified cases of every workload and dtype on every available backend, a verdict per backend, and one report file to attach to a bug report (exit 3 when a backend fails)')
    .option('-b, --backend <list>', 'only these backends (an unavailable one then fails the test)')
    .option('-o, --out <file>', 'report file, - for stdout (default mpsbench-doctor-<stamp>.json)')
    .option('--force', 'overwrite an existing report file')
    .option('--runner <name=command>', 'also test a custom runner speaking docs/protocol.md (repeatable)', collect, [])
    .option('--allow-paravirtual', 'let the mps runner time a virtual machine\'s paravirtual GPU')
    .option('--python <path>', 'python for the Python framework backends')
    .action(async (opts: import('./commands/doctor.js').DoctorOptions) => {
      const { doctorCommand } = await import('./commands/doctor.js');
      process.exitCode = await doctorCommand(opts);
    });

  program
    .command('check-runner')
    .description('check that a runner speaks docs/protocol.md: hello, each workload verified, error replies, bye, EOF')
    .argument('[command...]', 'the runner command (put -- before it when it has options), or none with --backend')
    .option('-b, --backend <name>', 'check this backend\'s runner, or (with a command) expect this backend name in hello')
    .option('--python <path>', 'python for the torch-* backends')
    .action(async (command: string[], opts: import('./commands/check-runner.js').CheckRunnerOptions) => {
      const { checkRunnerCommand } = await import('./commands/check-runner.js');
      process.exitCode = await checkRunnerCommand(command, opts);
    });

  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // help and version exit 0; every other commander error is a usage error (its own default is 1)
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (err instanceof MpsbenchError) {
    logError(err.message, err.hint);
    return err.exitCode;
  }
  logError(`unexpected: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, 'this is a bug in mpsbench; please report it');
  return ExitCode.internal;
}

await main(process.argv);
