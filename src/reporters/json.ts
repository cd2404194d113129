/**
 * JSON reporter: the whole result file, pretty-printed. It is the source of truth every other
 * report is made from, so nothing is dropped or reordered.
 */
import type { ResultFile } from '../results/types.js';
import type { Reporter } from './reporter.js';

/** Pretty JSON of the result file: 2-space indent, trailing newline. */
export const jsonReporter: Reporter = {
  name: 'json',
  extension: 'json',
  render(result: ResultFile): string {
    return `${JSON.stringify(result, null, 2)}\n`;
  },
};
