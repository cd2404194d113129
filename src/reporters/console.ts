/**
 * Console reporter: the tables of `table.ts` drawn with cli-table3 for a terminal, coloured
 * with chalk only when `opts.color` is true. The caller decides colour (NO_COLOR, --no-color,
 * TTY); chalk 5 ignores NO_COLOR by itself (chalk/chalk#547), so this file never asks chalk or
 * the environment. Without colour the output holds no ANSI escape at all: cli-table3 gets empty
 * `style.head` and `style.border`, and headers are coloured here, never by cli-table3.
 * For a terminal it is shorter than the Markdown file, which keeps everything: unsupported cases
 * are one line per backend instead of rows, cases an interrupt skipped are counted, and with
 * `opts.width` columns are dropped by priority (DROP_ORDER) until each table fits.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { CaseResult, ResultFile } from '../results/types.js';
import type { Reporter, RenderOptions } from './reporter.js';
import { buildTables, describeStatus, failedCases, tableNotes, type Row, type WorkloadTable } from './table.js';

/** The colours the console uses; identity functions when colour is off. */
interface Paint {
  head: (s: string) => string;
  title: (s: string) => string;
  good: (s: string) => string;
  bad: (s: string) => string;
  warn: (s: string) => string;
  dim: (s: string) => string;
}

/** Paint functions for the chosen mode: chalk at level 1 (16 colours) or plain text. */
function paint(color: boolean): Paint {
  if (!color) {
    const id = (s: string): string => s;
    return { head: id, title: id, good: id, bad: id, warn: id, dim: id };
  }
  const c: ChalkInstance = new Chalk({ level: 1 });
  return {
    head: c.bold,
    title: c.bold.underline,
    good: c.green,
    bad: c.red,
    warn: c.yellow,
    dim: c.dim,
  };
}

/** Colours a row's status and verification cells by their meaning. */
function paintRow(row: Row, t: WorkloadTable, p: Paint): string[] {
  const statusAt = t.columns.findIndex((c) => c.id === 'status');
  const verifyAt = t.columns.findIndex((c) => c.id === 'verify');
  return row.cells.map((cell, i) => {
    if (i === statusAt) {
      if (row.status === 'ok') return p.good(cell);
      return row.status === 'failed' ? p.bad(cell) : p.warn(cell);
    }
    if (i === verifyAt && row.verifyPassed !== undefined) {
      return row.verifyPassed ? p.good(cell) : p.bad(cell);
    }
    return cell;
  });
}

/** Columns given up first when a table is wider than the terminal (backend, median never). */
const DROP_ORDER = ['verify', 'spread', 'status', 'speedup', 'throughput', 'dtype'];

/** Width cli-table3 draws for `t`: each column's widest cell plus padding, plus borders. */
function tableWidth(t: WorkloadTable): number {
  const widths = t.columns.map((c, i) => Math.max(c.header.length, ...t.rows.map((r) => [...(r.cells[i] ?? '')].length)) + 2);
  return widths.reduce((a, b) => a + b, 0) + t.columns.length + 1;
}

/** `t` without column `id`. */
function withoutColumn(t: WorkloadTable, id: string): WorkloadTable {
  const at = t.columns.findIndex((c) => c.id === id);
  if (at < 0) return t;
  return { ...t, columns: t.columns.filter((_, i) => i !== at), rows: t.rows.map((r) => ({ ...r, cells: r.cells.filter((_, i) => i !== at) })) };
}

/** `t` with columns dropped by priority until it fits `width` (a status column stays while a row is not ok). */
export function fitTable(t: WorkloadTable, width: number | undefined): { table: WorkloadTable; dropped: string[] } {
  let table = t;
  const dropped: string[] = [];
  for (const id of DROP_ORDER) {
    if (width === undefined || tableWidth(table) <= width) break;
    if (id === 'status' && table.rows.some((r) => r.status !== 'ok')) continue;
    const col = table.columns.find((c) => c.id === id);
    if (!col) continue;
    table = withoutColumn(table, id);
    dropped.push(col.header);
  }
  return { table, dropped };
}

/** Unsupported cases as one line per backend: `torch-cpu: 2 unsupported (matmul f16, tf32)`. */
function unsupportedLines(cases: readonly CaseResult[]): string[] {
  const byBackend = new Map<string, CaseResult[]>();
  for (const c of cases) byBackend.set(c.backend, [...(byBackend.get(c.backend) ?? []), c]);
  return [...byBackend].map(([backend, list]) => {
    const kinds = new Map<string, Set<string>>();
    for (const c of list) kinds.set(c.workload, (kinds.get(c.workload) ?? new Set()).add(c.dtype));
    const what = [...kinds].map(([w, d]) => `${w} ${[...d].join(', ')}`).join('; ');
    return `${backend}: ${list.length} case(s) unsupported (${what})`;
  });
}

/** One workload: a title line with the fixed parameters, then the table. */
function renderTable(t: WorkloadTable, p: Paint): string {
  const table = new Table({
    head: t.columns.map((c) => p.head(c.header)),
    colAligns: t.columns.map((c) => c.align),
    style: { head: [], border: [], compact: true },
  });
  for (const row of t.rows) table.push(paintRow(row, t, p));
  const fixed = t.constants.length > 0 ? `  ${p.dim(t.constants.join(' '))}` : '';
  return `${p.title(t.workload)}${fixed}\n${table.toString()}`;
}

/** Console reporter (`console`): a one-line header, a table per workload, the failures. */
export const consoleReporter: Reporter = {
  name: 'console',
  extension: 'txt',
  render(result: ResultFile, opts: RenderOptions = {}): string {
    const p = paint(opts.color ?? false);
    const { env } = result;
    const commit = env.tool.git ? ` (${env.tool.git.commit.slice(0, 7)})` : '';
    const tool = `${env.tool.name} ${env.tool.version}${commit}`;
    const title = `${tool} · ${env.machine} · ${result.created}`;
    const parts = [p.dim(title), ''];
    const unsupported = result.results.filter((c) => c.status === 'unsupported');
    const interrupted = result.results.filter((c) => c.status === 'skipped' && c.error?.kind === 'interrupted');
    const shown = { ...result, results: result.results.filter((c) => !unsupported.includes(c) && !interrupted.includes(c)) };
    const tables = buildTables(shown, opts);
    for (const t of tables) {
      const { table, dropped } = fitTable(t, opts.width);
      parts.push(renderTable(table, p));
      if (dropped.length > 0) parts.push(p.dim(`(${dropped.join(', ')} left out to fit ${opts.width ?? ''} columns; the Markdown file has them)`));
      parts.push('');
    }
    const notes = tableNotes(tables);
    if (notes.length > 0) parts.push(...notes.map((n) => p.dim(n)), '');
    if (unsupported.length > 0) parts.push(...unsupportedLines(unsupported).map((l) => p.warn(`- ${l}`)), '');
    if (interrupted.length > 0) parts.push(p.warn(`- ${interrupted.length} case(s) skipped: the run was interrupted before they finished`), '');
    const failed = failedCases(shown);
    if (failed.length > 0) {
      parts.push(p.bad(`${failed.length} case(s) did not complete:`));
      for (const c of failed) parts.push(`  ${c.key}: ${describeStatus(c)}`);
      parts.push('');
    }
    return parts.join('\n');
  },
};
