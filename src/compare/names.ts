/**
 * The compare command's output format names and default launch floor, in a module that imports
 * nothing, so `--help` shows them without loading the gate.
 */

/** Output formats of `mpsbench compare --format`, in help order. */
export const COMPARE_FORMATS = ['text', 'md', 'github', 'json'] as const;

/** A compare output format name. */
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** Fewest good launches per side before the gate decides (docs/gating.md). */
export const DEFAULT_MIN_LAUNCHES = 5;
