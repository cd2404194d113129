/**
 * YAML text to plain data, with positions kept for messages. yaml 2 parses with the YAML 1.2 core
 * schema (so `yes`/`no` stay strings), unique keys, no merge keys, and integers as BigInt so
 * values beyond 2^53 are caught instead of silently rounded. Anything YAML-specific a suite has
 * no use for (several documents, tags, `<<`) is refused here, each at its own position.
 */
import {
  LineCounter,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Document,
  type Node,
  type Scalar,
} from 'yaml';
import { InputError } from '../errors.js';
import type { SourcePos } from '../types.js';
import type { DocPath } from './path.js';

/** Aliases expanded at most this many times: enough to share a budget, too few for a bomb. */
export const MAX_ALIAS_COUNT = 20;

/** A parsed suite: the plain data and a way back from a path in it to `file:line:col`. */
export interface YamlInput {
  file: string;
  data: unknown;
  /** Position of the value at `path` (of its key with `key: true`), or the nearest parent's. */
  posOf(path: DocPath, key?: boolean): SourcePos;
}

const FRIENDLY: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate key; each key may appear once in a mapping, remove or rename one',
  TAB_AS_INDENT: 'tab used for indentation; YAML indents with spaces only',
  MULTIPLE_DOCS: 'a suite file holds one YAML document; remove the second "---" and what follows, or split the file',
  RESOURCE_EXHAUSTION: 'nesting too deep; a suite needs only a few levels',
};

/** Parses suite text; every syntax problem is an InputError at its `file:line:col`. */
export function parseYaml(text: string, file: string): YamlInput {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lc = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter: lc,
    prettyErrors: true,
    uniqueKeys: true,
    schema: 'core',
    version: '1.2',
    merge: false,
    intAsBigInt: true,
    strict: true,
  });
  const at = (offset: number): SourcePos => {
    const { line, col } = lc.linePos(offset);
    return { file, line, col };
  };
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const base = problem.message.split(' at line ')[0] ?? problem.message;
    const tag = problem.code === 'TAG_RESOLVE_FAILED' ? /tag: (\S+)/.exec(base)?.[1] : undefined;
    const text = tag !== undefined ? tagMessage(tag) : (FRIENDLY[problem.code] ?? `${base}; fix the YAML syntax here`);
    throw new InputError(text, at(problem.pos[0]));
  }
  if (doc.contents === null) {
    throw new InputError('the suite file is empty; it needs at least name: and cases: (see docs/suite-format.md)', at(0));
  }
  checkNodes(doc, at);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new InputError(`aliases expand too much (${(err as Error).message}); write the values out`, at(0));
  }
  return { file, data, posOf: (path, key) => at(offsetOf(doc, path, key)) };
}

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

function tagMessage(tag: string): string {
  const short = tag.replace('tag:yaml.org,2002:', '!!');
  return `tag ${short} is not allowed in a suite file; remove it and write a plain value`;
}

/** Refuses tags, merge keys, integers beyond 2^53 and non-finite floats; converts BigInt to number. */
function checkNodes(doc: Document, at: (offset: number) => SourcePos): void {
  const where = (node: Node): SourcePos => at(node.range?.[0] ?? 0);
  visit(doc, (_, node) => {
    if (isPair(node)) {
      if (isScalar(node.key) && node.key.value === '<<' && node.key.type === 'PLAIN') {
        throw new InputError('merge keys (<<) are not supported; write the keys out in full', where(node.key));
      }
      return;
    }
    if (!isNode(node)) return;
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      throw new InputError(tagMessage(node.tag), where(node));
    }
    if (isScalar(node)) checkScalar(node, where(node));
  });
}

function checkScalar(node: Scalar, pos: SourcePos): void {
  const v = node.value;
  const text = node.source ?? String(v);
  if (typeof v === 'bigint') {
    const limit = BigInt(Number.MAX_SAFE_INTEGER);
    if (v > limit || v < -limit) {
      throw new InputError(`${text} is beyond 2^53 and cannot be represented exactly; use a smaller number`, pos);
    }
    node.value = Number(v);
  } else if (typeof v === 'number' && !Number.isFinite(v)) {
    throw new InputError(`${text} is not a finite number; write a finite value`, pos);
  }
}

/** Offset of the node at `path`; of its key with `key`; the deepest existing parent otherwise. */
function offsetOf(doc: Document, path: DocPath, key = false): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents)?.range?.[0] ?? 0;
  for (const [i, seg] of path.entries()) {
    const last = i === path.length - 1;
    if (isSeq(node)) {
      node = node.items[Number(seg)];
    } else if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (last && key && pair && isScalar(pair.key)) return pair.key.range?.[0] ?? offset;
      node = pair?.value;
    } else {
      return offset;
    }
    const range = (node as Node | undefined)?.range;
    if (!range) return offset;
    offset = range[0];
  }
  return offset;
}
