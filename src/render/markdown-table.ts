/**
 * GitHub-flavoured Markdown tables, shared by every Markdown renderer (one result, a comparison,
 * the fleet report), so cells are escaped and columns padded the same way everywhere.
 */

/** Escapes a table cell: pipes would split it and newlines would end the row. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GFM table with padded columns, so the raw text also reads as a table. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
): string {
  const body = [headers, ...rows].map((r) => r.map(escapeCell));
  const widths = headers.map((_, i) => body.reduce((w, r) => Math.max(w, [...(r[i] ?? '')].length), 3));
  const pad = (s: string, i: number): string => {
    const fill = ' '.repeat((widths[i] ?? 0) - [...s].length);
    return right[i] === true ? fill + s : s + fill;
  };
  const line = (r: readonly string[]): string => `| ${r.map(pad).join(' | ')} |`;
  const dashes = widths.map((w, i) =>
    right[i] === true ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w),
  );
  const rule = `| ${dashes.join(' | ')} |`;
  const [head, ...rest] = body;
  return [line(head ?? []), rule, ...rest.map(line)].join('\n');
}
