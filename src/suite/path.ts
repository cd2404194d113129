/**
 * Paths into a suite document: a list of keys and indexes, as ajv reports them (JSON Pointer
 * `instancePath`) and as messages show them (`cases[0].params.m`).
 */

/** Keys and sequence indexes from the document root. */
export type DocPath = readonly (string | number)[];

/** JSON Pointer (`/cases/0/params/m`) to a path; all-digit segments become indexes. */
export function pointerToPath(pointer: string): DocPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** A path as messages show it: `cases[0].params.m`; the root is `the suite`. */
export function pathLabel(path: DocPath): string {
  if (path.length === 0) return 'the suite';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : /^[A-Za-z_][\w-]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
  }
  return out;
}
