/**
 * Layering rules for src/ (docs/architecture.md): data flows suite → cases → run/scheduler →
 * runner → samples → stats → result → renderers, and nothing reaches back. `npm run depcheck`
 * (part of `npm test`) fails on any violation.
 */
const rule = (name, comment, from, to) => ({ name, comment, severity: 'error', from, to });

module.exports = {
  forbidden: [
    rule('no-cycles', 'import cycles (type-only ones too) hide which layer owns what', {}, { circular: true }),
    rule('types-imports-nothing', 'src/types.ts is the ground floor: it imports nothing', { path: '^src/types\\.ts$' }, {}),
    rule('vocabulary-before-results', 'workloads, suites and chip facts come before the result file: take Dtype/ParamValue from src/types.ts',
      { path: '^src/(workloads|suite|fleet/chips)/' }, { path: '^src/results/' }),
    rule('suite-not-to-runner', 'the suite format does not depend on how runners are started or scheduled',
      { path: '^src/suite/' }, { path: '^src/(runner|run)/' }),
    rule('scheduler-not-to-renderers', 'the scheduler hands results on; rendering belongs to the commands',
      { path: '^src/run/scheduler\\.ts$' }, { path: '^src/(reporters|render|fleet|commands|export|compare)/' }),
    rule('results-silent', 'result I/O does not print: callers decide what to say', { path: '^src/results/' }, { path: '^src/(log|cli)\\.ts$' }),
    rule('results-not-upward', 'the result layer knows nothing of who runs or renders it',
      { path: '^src/results/' }, { path: '^src/(run|runner|commands|reporters|render|fleet|export|compare)/' }),
    rule('pure-leaves', 'pure statistics and formatting primitives import only themselves and the vocabulary',
      { path: '^src/(stats|render)/' }, { path: '^src/', pathNot: ['^src/types\\.ts$', '^src/$1/'] }),
    rule('runner-not-upward', 'the runner layer starts processes and speaks the protocol; it knows no suites, schedules or renderers',
      { path: '^src/runner/' }, { path: '^src/(run|commands|reporters|render|fleet|export|compare|suite)/' }),
    rule('renderers-not-to-pipeline', 'renderers read result files, not the pipeline that made them',
      { path: '^src/(reporters|export|compare|fleet)/' }, { path: '^src/(run|commands|runner|suite)/' }),
    rule('commands-from-cli-only', 'only the CLI dispatches to commands', { path: '^src/', pathNot: '^src/(cli\\.ts|commands/)' }, { path: '^src/commands/' }),
    rule('no-orphans', 'a source file nobody imports is dead', { orphan: true, path: '^src/', pathNot: '^src/(cli|index)\\.ts$' }, {}),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
