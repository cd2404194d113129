/**
 * Takes personal facts out of what `mpsbench doctor` writes for a bug report: the home directory,
 * the user name, the host name and every other absolute path (reduced to its last component), in
 * every string of a JSON value, keys included. What is left names software and hardware only.
 */
import { homedir, hostname, userInfo } from 'node:os';

/** The facts to remove; tests pass their own. */
export interface Personal {
  home: string;
  user: string;
  host: string;
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? '';
  }
}

/** This process's home, user and host names. */
export function personalHere(): Personal {
  return { home: homedir(), user: userName(), host: hostname() };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Absolute POSIX paths (and `~/…`) at a word start: `/a/b/c` → `…/c`. */
const ABSOLUTE = /(^|[\s"'=:(,[])~?\/(?:[^\s"'=:,()[\]/]+\/)*([^\s"'=:,()[\]/]*)/g;

/** One string without the home directory, user and host names or absolute paths. */
export function redactString(s: string, p: Personal): string {
  let out = s;
  if (p.home.length > 1) out = out.split(p.home).join('~');
  if (p.host.length >= 2) out = out.replace(new RegExp(`\\b${escape(p.host)}\\b`, 'g'), '<host>');
  if (p.user.length >= 2) out = out.replace(new RegExp(`\\b${escape(p.user)}\\b`, 'g'), '<user>');
  return out.replace(ABSOLUTE, (_m, pre: string, last: string) => `${pre}…/${last}`);
}

/** A deep copy of `v` with every string (and key) redacted; bounded depth, never throws. */
export function redact(v: unknown, p: Personal, depth = 0): unknown {
  if (typeof v === 'string') return redactString(v, p);
  if (depth > 32 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => redact(x, p, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[redactString(k, p)] = redact(x, p, depth + 1);
  return out;
}
