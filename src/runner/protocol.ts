/**
 * Runner protocol v1 (docs/protocol.md): the message shapes and the checks applied to every line
 * a runner sends. A reply that fails these checks is a protocol error: the case fails with kind
 * `protocol` and the runner is restarted.
 */
import type { Budget } from '../types.js';
import type { ErrorKind, RunnerRecord } from '../results/types.js';
import type { Dtype, ParamValue } from '../types.js';
import { isRecord } from '../util/is-record.js';

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
  | { op: 'run'; id: number; case: RunCase; budget: Budget; verify: { samples: number } }
  | { op: 'bye'; id: number };

/** Successful `run` reply: raw samples and verification, nothing derived. */
export interface RunOk {
  id: number;
  op: 'run';
  ok: true;
  timer: 'wall' | 'gpu';
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

/** Thrown when a runner's line breaks the protocol; the message says how. */
export class ProtocolViolation extends Error {}

const RUNNER_ERROR_KINDS = new Set(['unsupported', 'oom', 'invalid', 'internal']);

/** Encodes one request as a line (JSON + newline). */
export function encodeRequest(req: Request): string {
  return `${JSON.stringify(req)}\n`;
}

/** Parses a reply line and checks it answers request `id` with operation `op`. */
export function parseReplyLine(line: string, id: number, op: string): Record<string, unknown> {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    throw new ProtocolViolation(`runner sent a line that is not JSON: ${clip(line)}`);
  }
  if (!isRecord(msg)) throw new ProtocolViolation(`runner sent a non-object line: ${clip(line)}`);
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
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function positiveFiniteArray(v: unknown, name: string): number[] {
  if (!Array.isArray(v) || v.length === 0) throw new ProtocolViolation(`${name} must be a non-empty array`);
  for (const x of v) {
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
      throw new ProtocolViolation(`${name} holds ${JSON.stringify(x)}; durations must be finite and > 0`);
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
      throw new ProtocolViolation(`encode_samples_ns holds ${JSON.stringify(x)}; encode times must be finite and >= 0`);
    }
  }
}

/** Checks a parsed `run` reply in full and returns it typed. */
export function checkRunReply(msg: Record<string, unknown>): RunOk | RunFail {
  if (msg.ok === false) {
    const err = msg.error;
    if (!isRecord(err) || typeof err.message !== 'string' || !RUNNER_ERROR_KINDS.has(String(err.kind))) {
      throw new ProtocolViolation('failure reply needs error.kind (unsupported|oom|invalid|internal) and error.message');
    }
    return msg as unknown as RunFail;
  }
  if (msg.timer !== 'wall' && msg.timer !== 'gpu') throw new ProtocolViolation('timer must be "wall" or "gpu"');
  const ips = msg.iters_per_sample;
  if (typeof ips !== 'number' || !Number.isInteger(ips) || ips < 1) {
    throw new ProtocolViolation('iters_per_sample must be a positive integer');
  }
  positiveFiniteArray(msg.samples_ns, 'samples_ns');
  if (msg.wall_samples_ns !== undefined) positiveFiniteArray(msg.wall_samples_ns, 'wall_samples_ns');
  if (msg.encode_samples_ns !== undefined) checkEncodeSamples(msg.encode_samples_ns, (msg.samples_ns as unknown[]).length);
  const v = msg.verify;
  if (!isRecord(v) || typeof v.checked !== 'number' || !(v.max_rel_err === null || typeof v.max_rel_err === 'number')) {
    throw new ProtocolViolation('verify must be {max_rel_err: number|null, checked: number}');
  }
  return msg as unknown as RunOk;
}

/** Checks a `hello` reply and converts it to the record kept in results. */
export function checkHello(msg: Record<string, unknown>): RunnerRecord {
  if (msg.ok !== true) throw new ProtocolViolation(`hello failed: ${JSON.stringify(msg.error ?? null)}`);
  if (msg.protocol !== PROTOCOL_VERSION) {
    throw new ProtocolViolation(`runner speaks protocol ${JSON.stringify(msg.protocol)}, mpsbench speaks ${PROTOCOL_VERSION}`);
  }
  if (typeof msg.backend !== 'string') throw new ProtocolViolation('hello needs "backend"');
  if (!isRecord(msg.runner) || typeof msg.runner.name !== 'string') throw new ProtocolViolation('hello needs runner.name');
  if (!isRecord(msg.device) || typeof msg.device.name !== 'string') throw new ProtocolViolation('hello needs device.name');
  if (!isRecord(msg.workloads)) throw new ProtocolViolation('hello needs "workloads"');
  for (const [w, dts] of Object.entries(msg.workloads)) {
    if (!Array.isArray(dts) || !dts.every((d) => typeof d === 'string')) {
      throw new ProtocolViolation(`workloads.${w} must be a list of dtypes`);
    }
  }
  const rest: Record<string, unknown> = { ...msg };
  for (const k of ['id', 'op', 'ok']) delete rest[k];
  return rest as unknown as RunnerRecord;
}
