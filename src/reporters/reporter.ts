/**
 * The reporter interface: a pure function from a result file to the text of one report.
 * Reporters never touch the disk or the terminal; the caller writes what `render` returns
 * (after hyperfine's exporters and knip's reporters).
 */
import type { ResultFile } from '../results/types.js';

/** How the spread beside each median is shown: the CI of the median, or the p5–p95 range. */
export type SpreadKind = 'ci' | 'p5-p95';

/** Options every reporter accepts; each ignores those that do not apply to it. */
export interface RenderOptions {
  /**
   * Use ANSI colour (console only). The caller decides from NO_COLOR, --no-color and whether
   * the stream is a TTY; reporters never look at the environment. Default false.
   */
  color?: boolean;
  /** Spread column of the tables: "±" half-width of the 95% CI (default) or p5–p95. */
  spread?: SpreadKind;
  /** Console only: terminal columns the tables must fit (columns dropped by priority); none = no limit. */
  width?: number;
}

/** One output format. `extension` has no dot and names the file a writer would create. */
export interface Reporter {
  /** Registry name (`reporters` key in reporters/index.ts). */
  name: string;
  /** File extension without the dot: `json`, `md`, `csv`, `txt`. */
  extension: string;
  /** Renders the whole result file; pure, deterministic, ends with a newline. */
  render(result: ResultFile, opts?: RenderOptions): string;
}
