/**
 * Programmatic API: the same pieces the CLI is made of, for scripts that want to load suites,
 * run cases, compare results or render reports without going through the command line.
 */
export * from './errors.js';
export type * from './results/types.js';
export * from './types.js';
export type { ResolvedSuite } from './suite/types.js';
export { loadSuiteFile, parseSuiteText } from './suite/load.js';
export { loadSuiteArg, builtinSuiteNames } from './suite/builtin.js';
export { expandSuite } from './suite/expand.js';
export { parseCaseArg } from './suite/case-arg.js';
export { getWorkload, workloadNames, toleranceFor } from './workloads/index.js';
export { runSession, type SessionOptions, type SessionOutcome } from './run/session.js';
export { resolveSettings, type RunFlags, type RunSettings } from './run/settings.js';
export { openResume, type ResumedRun } from './run/resume.js';
export { planRun, type RunPlan } from './run/plan.js';
export { runSchedule, type ScheduleOptions } from './run/scheduler.js';
export { RunnerClient } from './runner/client.js';
export { BACKENDS, getBackend } from './runner/registry.js';
export { captureEnv } from './env/capture.js';
export { summarize } from './stats/index.js';
export { readResultFile } from './results/read.js';
export { compareResults, compareWithin } from './compare/index.js';
export { getReporter, reporters, type Reporter, type RenderOptions } from './reporters/index.js';
export { mergeResults } from './fleet/merge.js';
