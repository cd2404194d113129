/**
 * Runner protocol v1 (docs/protocol.md): the message shapes and the checks applied to every line
 * a runner sends. A reply that fails these checks is a protocol error: the case fails with kind
 * `protocol` and the runner is restarted.
 */
import { TIMING_MODELS, type Budget, type Dtype, type ParamValue, type TimingModel } from '../types.js';
import type { ErrorKind, RunnerRecord } from '../results/types.js';
import { isRecord } from '../util/is-record.js';
import { cleanText, cleanTree } from '../util/text.js';

/** Protocol version this build speaks. */
export const PROTOCOL_VERSION = 1;

/** The `case` object of a `run` request. */
export interface RunCase {
  key: string;
  workload: string;
  dtype: Dtype;
  params: Record<string, ParamValue>;
  seed: number;
}

/** A request line. */
export type Request =
  | { op: 'hello'; id: number; protocol: number }
  | { op: 'run'; id: number; case: RunCase; budget: Budget; timing: TimingModel; verify: { samples: number } }
  | { op: 'bye'; id: number };

/** Successful `run` reply: raw samples and verification, nothing derived. */
export interface RunOk {
  id: number;
  op: 'run';
  ok: true;
  timer: 'wall' | 'gpu';
  /** The timing model the runner used; absent from runners that predate it (they stream). */
  timing?: TimingModel;
  iters_per_sample: number;
  samples_ns: number[];
  wall_samples_ns?: number[];
  /** Host time spent encoding each sample's work, where the device timer excludes it (MPS). */
  encode_samples_ns?: number[];
  warmup?: { iters: number; first_ns: number; total_ns: number };
  verify: { max_rel_err: number | null; checked: number; nonfinite?: number };
  mem_bytes?: number;
  info?: Record<string, unknown>;
}

/** Failed `run` reply. */
export interface RunFail {
  id: number;
  op: 'run';
  ok: false;
  error: { kind: Extract<ErrorKind, 'unsupported' | 'oom' | 'invalid' | 'internal'>; message: string };
}

/**
 * Plausibility limits on what a runner reports (docs/reliability.md): a sample lasts from 1 ns to one
 * day (the longest --timeout), a sample holds at most 10^9 iterations, so every number derived from
 * a reply is finite and printable.
 */
export const LIMITS = { minSampleNs: 1, maxSampleNs: 8.64e13, maxItersPerSample: 1e9 } as const;

/** Thrown when a runner's line breaks the protocol; the message says how. */
export class ProtocolViolation extends Error {}

const RUNNER_ERROR_KINDS = new Set(['unsupported', 'oom', 'invalid', 'internal']);

/** Encodes one request as a line (JSON + newline). */
export function encodeRequest(req: Request): string {
  return `${JSON.stringify(req)}\n`;
}

/** Parses one line a runner sent into an object, or throws a ProtocolViolation. */
export function parseLine(line: string): Record<string, unknown> {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    throw new ProtocolViolation(`runner sent a line that is not JSON: ${clip(line)}`);
  }
  if (!isRecord(msg)) throw new ProtocolViolation(`runner sent a non-object line: ${clip(line)}`);
  return msg;
}

/** Parses a reply line and checks it answers request `id` with operation `op`. */
export function parseReplyLine(line: string, id: number, op: string): Record<string, unknown> {
  return checkReplyTo(parseLine(line), id, op);
}

/** Checks a parsed line answers request `id` with operation `op`. */
export function checkReplyTo(msg: Record<string, unknown>, id: number, op: string): Record<string, unknown> {
  if (msg.id !== id) {
    throw new ProtocolViolation(`runner answered id ${JSON.stringify(msg.id)} while id ${id} was pending`);
  }
  if (msg.op !== op && msg.op !== 'error') {
    throw new ProtocolViolation(`runner answered op ${JSON.stringify(msg.op)} to a ${op} request`);
  }
  if (typeof msg.ok !== 'boolean') throw new ProtocolViolation('reply has no boolean "ok"');
  return msg;
}

function clip(s: string, n = 120): string {
  return cleanText(s.length > n ? `${s.slice(0, n)}…` : s);
}

/** A value as a message shows it: numbers as JavaScript prints them (Infinity, 1e+308), not as JSON's null. */
function shown(v: unknown): string {
  return typeof v === 'number' ? String(v) : clip(JSON.stringify(v) ?? String(v));
}

function sampleArray(v: unknown, name: string, maxCount: number): number[] {
  if (!Array.isArray(v) || v.length === 0) throw new ProtocolViolation(`${name} must be a non-empty array`);
  if (v.length > maxCount) throw new ProtocolViolation(`runner sent ${v.length} samples; the budget allows at most ${maxCount}`);
  for (const x of v) {
    if (typeof x !== 'number' || !(x >= LIMITS.minSampleNs && x <= LIMITS.maxSampleNs)) {
      throw new ProtocolViolation(`${name} holds ${shown(x)} ns; a sample must lie in [${LIMITS.minSampleNs} ns, ${LIMITS.maxSampleNs.toExponential()} ns]`);
    }
  }
  return v as number[];
}

/** `encode_samples_ns`: one finite, non-negative number per sample (protocol.md §3). */
function checkEncodeSamples(v: unknown, samples: number): void {
  if (!Array.isArray(v) || v.length !== samples) {
    throw new ProtocolViolation(`encode_samples_ns must be an array of ${samples} numbers, one per sample`);
  }
  for (const x of v) {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new ProtocolViolation(`encode_samples_ns holds ${shown(x)}; encode times must be finite and >= 0`);
    }
  }
}

/** True for an integer in [0, 2^53). */
const count = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/** True for a finite number ≥ 0. */
const nonNegative = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function checkVerify(v: unknown): void {
  if (!isRecord(v) || !(v.max_rel_err === null || typeof v.max_rel_err === 'number') || typeof v.checked !== 'number') {
    throw new ProtocolViolation('verify must be {max_rel_err: number|null, checked: number}');
  }
  if (v.max_rel_err !== null && !nonNegative(v.max_rel_err)) throw new ProtocolViolation(`verify.max_rel_err is ${shown(v.max_rel_err)}; it must be a finite number ≥ 0 or null`);
  if (!count(v.checked)) throw new ProtocolViolation(`verify.checked is ${shown(v.checked)}; it must be an integer ≥ 0`);
  if (v.nonfinite !== undefined && !count(v.nonfinite)) throw new ProtocolViolation(`verify.nonfinite is ${shown(v.nonfinite)}; it must be an integer ≥ 0`);
}

function checkExtras(msg: Record<string, unknown>): void {
  const w = msg.warmup;
  if (w !== undefined && (!isRecord(w) || !count(w.iters) || !nonNegative(w.first_ns) || !nonNegative(w.total_ns))) {
    throw new ProtocolViolation('warmup must be {iters: integer ≥ 0, first_ns: number ≥ 0, total_ns: number ≥ 0}');
  }
  if (msg.mem_bytes !== undefined && !nonNegative(msg.mem_bytes)) throw new ProtocolViolation(`mem_bytes is ${shown(msg.mem_bytes)}; it must be a finite number ≥ 0`);
  if (msg.info !== undefined && !isRecord(msg.info)) throw new ProtocolViolation('info must be an object');
}

/**
 * Checks a parsed `run` reply in full and returns it typed; `maxSamples` is the budget's
 * `max_samples` (a reply with more is refused before anything keeps it). Strings are cleaned.
 */
export function checkRunReply(msg: Record<string, unknown>, maxSamples = Number.MAX_SAFE_INTEGER): RunOk | RunFail {
  if (msg.ok === false) {
    const err = msg.error;
    if (!isRecord(err) || typeof err.message !== 'string' || !RUNNER_ERROR_KINDS.has(String(err.kind))) {
      throw new ProtocolViolation('failure reply needs error.kind (unsupported|oom|invalid|internal) and error.message');
    }
    return { ...(msg as unknown as RunFail), error: { kind: err.kind as RunFail['error']['kind'], message: cleanText(clipMessage(err.message)) } };
  }
  if (msg.timer !== 'wall' && msg.timer !== 'gpu') throw new ProtocolViolation('timer must be "wall" or "gpu"');
  if (msg.timing !== undefined && !TIMING_MODELS.some((m) => m === msg.timing)) {
    throw new ProtocolViolation(`timing is ${shown(msg.timing)}; it must be "streamed" or "isolated" (or absent)`);
  }
  const ips = msg.iters_per_sample;
  if (typeof ips !== 'number' || !Number.isInteger(ips) || ips < 1 || ips > LIMITS.maxItersPerSample) {
    throw new ProtocolViolation(`iters_per_sample is ${shown(ips)}; it must be an integer from 1 to ${LIMITS.maxItersPerSample.toExponential()}`);
  }
  sampleArray(msg.samples_ns, 'samples_ns', maxSamples);
  if (msg.wall_samples_ns !== undefined) sampleArray(msg.wall_samples_ns, 'wall_samples_ns', maxSamples);
  if (msg.encode_samples_ns !== undefined) checkEncodeSamples(msg.encode_samples_ns, (msg.samples_ns as unknown[]).length);
  checkVerify(msg.verify);
  checkExtras(msg);
  return (msg.info === undefined ? msg : { ...msg, info: cleanTree(msg.info) }) as unknown as RunOk;
}

/**
 * Checks a successful reply's echo of the timing model against the one asked for. A reply without
 * `timing` comes from a runner that predates timing models (or a custom runner) and streamed: fine
 * for a streamed case, and for an isolated one the returned message (the case fails `unsupported`,
 * the run goes on). An echo naming the other model is a protocol violation (thrown).
 */
export function timingEchoProblem(asked: TimingModel, reply: RunOk): string | undefined {
  if (reply.timing === undefined) {
    return asked === 'streamed'
      ? undefined
      : 'the runner does not implement the isolated timing model: its run reply echoes no "timing" (an older protocol or a custom runner; docs/protocol.md §3); run this case with timing: streamed';
  }
  if (reply.timing !== asked) throw new ProtocolViolation(`asked for timing "${asked}", the runner replied "${reply.timing}"`);
  return undefined;
}

/** A runner's error message, at most 4 KiB. */
function clipMessage(s: string): string {
  return s.length > 4096 ? `${s.slice(0, 4096)}…` : s;
}

/** Checks a `hello` reply and converts it to the record kept in results. */
export function checkHello(msg: Record<string, unknown>): RunnerRecord {
  if (msg.ok !== true) throw new ProtocolViolation(`hello failed: ${clip(JSON.stringify(msg.error ?? null))}`);
  if (msg.protocol !== PROTOCOL_VERSION) {
    throw new ProtocolViolation(`runner speaks protocol ${JSON.stringify(msg.protocol)}, mpsbench speaks ${PROTOCOL_VERSION}`);
  }
  if (typeof msg.backend !== 'string') throw new ProtocolViolation('hello needs "backend"');
  if (!isRecord(msg.runner) || typeof msg.runner.name !== 'string') throw new ProtocolViolation('hello needs runner.name');
  if (!isRecord(msg.device) || typeof msg.device.name !== 'string') throw new ProtocolViolation('hello needs device.name');
  if (!isRecord(msg.workloads)) throw new ProtocolViolation('hello needs "workloads"');
  for (const [w, dts] of Object.entries(msg.workloads)) {
    if (!Array.isArray(dts) || !dts.every((d) => typeof d === 'string')) {
      throw new ProtocolViolation(`workloads.${clip(w)} must be a list of dtypes`);
    }
  }
  const rest = cleanTree(msg) as Record<string, unknown>;
  for (const k of ['id', 'op', 'ok']) delete rest[k];
  return rest as unknown as RunnerRecord;
}
