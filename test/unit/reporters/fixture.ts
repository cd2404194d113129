/** Loads the small result fixture shared by the reporter tests (a fresh copy per call). */
import { readFileSync } from 'node:fs';
import type { ResultFile } from '../../../src/results/types.js';

const PATH = new URL('../../fixtures/results/small.json', import.meta.url);

/**
 * test/fixtures/results/small.json: backends `cpu` and `torch-cpu`; matmul m=256|1024, n=k=512
 * (torch-cpu m=1024 failed verification, cpu f16 unsupported); one conv2d on both backends.
 */
export function loadSmallResult(): ResultFile {
  return JSON.parse(readFileSync(PATH, 'utf8')) as ResultFile;
}

/** Matches any ANSI escape sequence. */
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;
