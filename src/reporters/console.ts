/**
 * Console reporter: the tables of `table.ts` drawn with cli-table3 for a terminal, coloured
 * with chalk only when `opts.color` is true. The caller decides colour (NO_COLOR, --no-color,
 * TTY); chalk 5 ignores NO_COLOR by itself (chalk/chalk#547), so this file never asks chalk or
 * the environment. Without colour the output holds no ANSI escape at all: cli-table3 gets empty
 * `style.head` and `style.border`, and headers are coloured here, never by cli-table3.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ResultFile } from '../results/types.js';
import type { Reporter, RenderOptions } from './reporter.js';
import { buildTables, describeStatus, failedCases, type Row, type WorkloadTable } from './table.js';

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
    for (const t of buildTables(result, opts)) parts.push(renderTable(t, p), '');
    const failed = failedCases(result);
    if (failed.length > 0) {
      parts.push(p.bad(`${failed.length} case(s) did not complete:`));
      for (const c of failed) parts.push(`  ${c.key}: ${describeStatus(c)}`);
      parts.push('');
    }
    return parts.join('\n');
  },
};
