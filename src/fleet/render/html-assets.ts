/**
 * The inline stylesheet and script of the HTML comparison page. The page must work as one file
 * opened from disk, on a phone and on paper: system fonts, tables that scroll sideways on narrow
 * screens, a print stylesheet, and a few lines of vanilla JS that sort a table by the clicked
 * column (numeric cells carry `data-sort`; empty ones sort last either way), open a folded case
 * table when a link points into it, and unfold every table before printing.
 */

/** The page's CSS. */
export const PAGE_CSS = `
:root { color-scheme: light; --fg: #1b1b1b; --muted: #555; --line: #d8d8d8; --stripe: #f6f7f9; --accent: #0072b2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin-top: 1.75rem; }
code { font: .92em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.muted, figcaption { color: var(--muted); font-size: .9rem; }
nav ul { columns: 2 16rem; padding-left: 1.2rem; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; font-variant-numeric: tabular-nums; }
th, td { padding: .35rem .55rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--stripe); }
th { white-space: nowrap; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button:focus-visible { outline: 2px solid var(--accent); }
th button::after { content: " \\2195"; color: #999; font-weight: 400; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; color: var(--fg); }
th[aria-sort="descending"] button::after { content: " \\25BC"; color: var(--fg); }
.charts { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); align-items: start; }
figure { margin: 0; min-width: 0; }
figure svg { display: block; width: 100%; height: auto; max-width: 40rem; }
figure.roofline { max-width: 40rem; }
header .lede { margin: 0 0 .5rem; color: var(--muted); }
.overview h2 { margin-top: 1rem; }
.overview h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
.compact table { font-size: .85rem; }
.note { color: var(--muted); font-size: .8rem; margin: .25rem 0 0; }
.compact th, .compact td { padding: .25rem .45rem; }
.claims { border: 1px solid var(--line); border-left: 4px solid var(--accent); background: var(--stripe); padding: .25rem .9rem; margin: 1rem 0; font-size: .9rem; }
.claims ul { margin: .25rem 0; padding-left: 1.1rem; }
details.cases { margin: 1rem 0; }
details.cases > summary { cursor: pointer; font-weight: 600; color: var(--accent); }
td.effective { text-decoration: underline dotted; cursor: help; }
td a, p a { color: var(--accent); overflow-wrap: anywhere; }
#sources li { margin: .35rem 0; overflow-wrap: anywhere; }
@media (max-width: 40rem) {
  body { font-size: 14px; }
  .compact thead { display: none; }
  .compact table, .compact tbody, .compact tr { display: block; width: 100%; }
  .compact tr { border-bottom: 1px solid var(--line); padding: .3rem 0; }
  .compact td, .compact td.num { display: flex; gap: .6rem; border: 0; padding: .1rem .3rem; text-align: left; white-space: normal; }
  .compact td::before { content: attr(data-label); flex: 0 0 7.5rem; font-weight: 600; color: var(--muted); }
  main { padding: .75rem; }
  th, td { padding: .3rem .4rem; }
}
@media print {
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  details.cases > summary { display: none; }
  .table-wrap { overflow: visible; }
  th button::after { content: none; }
  table, figure, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
}
`;

/** The page's script: click a column header to sort its table; click again to reverse. */
export const PAGE_JS = `
(function () {
  function key(cell) {
    var v = cell.getAttribute('data-sort');
    return v === null ? NaN : Number(v);
  }
  function compare(a, b, numeric) {
    if (!numeric) return a.textContent.localeCompare(b.textContent, undefined, { numeric: true });
    var x = key(a), y = key(b);
    if (isNaN(x) || isNaN(y)) return isNaN(x) ? (isNaN(y) ? 0 : 1) : -1;
    return x - y;
  }
  function sortBy(table, th, col) {
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var numeric = th.classList.contains('num');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var c = compare(a.cells[col], b.cells[col], numeric);
      var missing = numeric && (isNaN(key(a.cells[col])) || isNaN(key(b.cells[col])));
      return missing || asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (var p = el; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
    if (el) el.scrollIntoView();
  }
  window.addEventListener('hashchange', reveal);
  reveal();
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  document.querySelectorAll('table.sortable').forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var button = th.querySelector('button');
      if (button) button.addEventListener('click', function () { sortBy(table, th, col); });
    });
  });
})();
`;
