/**
 * Number formatting for reports: durations, FLOP/s, bytes, samples/s, ratios, percentages.
 * Pure string functions shared by every reporter, so the same value reads the same everywhere.
 * Rates use decimal (SI) prefixes (1 GFLOP/s = 10⁹ FLOP/s); bytes use binary prefixes
 * (1 GiB = 2³⁰ B). Non-finite input prints as an em dash rather than "NaN".
 */

/** What a missing or non-finite value prints as. */
export const NONE = '—';

/** A unit step: values ≥ `factor` are divided by it and suffixed with `suffix`. */
interface UnitStep {
  factor: number;
  suffix: string;
}

const DURATION_UNITS: readonly UnitStep[] = [
  { factor: 1e-9, suffix: ' ns' },
  { factor: 1e-6, suffix: ' µs' },
  { factor: 1e-3, suffix: ' ms' },
  { factor: 1, suffix: ' s' },
];

/** Decimal prefixes from 10⁰ to 10¹⁸, each suffix built as `before + prefix + after`. */
function siUnits(before: string, after: string): UnitStep[] {
  return ['', 'k', 'M', 'G', 'T', 'P', 'E'].map((p, i) => ({
    factor: 1000 ** i,
    suffix: `${before}${p}${after}`,
  }));
}

const FLOP_UNITS = siUnits(' ', 'FLOP/s');
const SAMPLE_UNITS = siUnits('', ' samples/s');
const BYTE_RATE_UNITS = siUnits(' ', 'B/s');

const BYTE_UNITS: readonly UnitStep[] = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'].map((s, i) => ({
  factor: 1024 ** i,
  suffix: ` ${s}`,
}));

/** Decimals needed to show `x` with `digits` significant digits (never negative). */
function decimalsFor(x: number, digits: number): number {
  return Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
}

/**
 * `x` rounded to `digits` significant digits in fixed notation, trailing zeros kept
 * (1.5 → "1.50", 812.4 → "812", 1234 → "1234"); 0 → "0".
 */
export function formatSignificant(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return NONE;
  if (x === 0) return '0';
  // Beyond what fixed notation can show (toFixed allows 100 decimals and switches at 1e21): e-notation.
  if (Math.abs(x) < 1e-15 || Math.abs(x) >= 1e21) return x.toPrecision(Math.min(100, Math.max(1, digits)));
  let decimals = decimalsFor(x, digits);
  // toFixed throws above 100 decimals: far below the smallest unit, scientific notation is total
  if (decimals > 20) return x.toExponential(Math.max(0, Math.min(digits - 1, 20)));
  const rounded = Number(x.toFixed(decimals));
  // 9.996 → "10.00" would show 4 digits; recompute for the rounded magnitude
  if (rounded !== 0) decimals = decimalsFor(rounded, digits);
  return rounded.toFixed(decimals);
}

/** Picks the largest unit the value reaches, moving up once more if rounding reaches 1000. */
function formatScaled(x: number, units: readonly UnitStep[], base: number, trim: boolean): string {
  if (!Number.isFinite(x)) return NONE;
  let i = 0;
  while (i + 1 < units.length && Math.abs(x) >= (units[i + 1]?.factor ?? Infinity)) i++;
  let unit = units[i] ?? { factor: 1, suffix: '' };
  let text = formatSignificant(x / unit.factor);
  const next = units[i + 1];
  if (next !== undefined && Math.abs(Number(text)) >= base) {
    unit = next;
    text = formatSignificant(x / unit.factor);
  }
  if (trim && text.includes('.') && !text.includes('e')) text = text.replace(/\.?0+$/, '');
  return `${text}${unit.suffix}`;
}

/** A duration in seconds with 3 significant digits: "812 ns", "1.53 ms", "2.41 s". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0 s';
  return formatScaled(seconds, DURATION_UNITS, 1000, false);
}

/** A FLOP rate with decimal prefixes: "456 GFLOP/s", "1.23 TFLOP/s". */
export function formatFlops(flopPerS: number): string {
  return formatScaled(flopPerS, FLOP_UNITS, 1000, false);
}

/** A sample rate with decimal prefixes: "980 samples/s", "12.3k samples/s". */
export function formatSamplesRate(samplesPerS: number): string {
  return formatScaled(samplesPerS, SAMPLE_UNITS, 1000, false);
}

/** A memory bandwidth with decimal prefixes, as datasheets give it: "812 GB/s", "4.31 TB/s". */
export function formatByteRate(bytesPerS: number): string {
  return formatScaled(bytesPerS, BYTE_RATE_UNITS, 1000, false);
}

/** A byte count with binary prefixes and trailing zeros trimmed: "512 B", "1.5 GiB". */
export function formatBytes(bytes: number): string {
  return formatScaled(bytes, BYTE_UNITS, 1024, true);
}

/** A speed ratio: "0.42×", "3.4×", "12.5×", "153×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return NONE;
  if (ratio < 1 || ratio >= 1e21) return `${formatSignificant(ratio, 2)}×`;
  return `${ratio < 100 ? ratio.toFixed(1) : ratio.toFixed(0)}×`;
}

/** A fraction as a percentage: 0.0512 → "5.1%"; `signed` adds "+" to positive values. */
export function formatPercent(fraction: number, digits = 1, signed = false): string {
  if (!Number.isFinite(fraction)) return NONE;
  const d = Math.min(100, Math.max(0, Math.trunc(digits)));
  const pct = fraction * 100;
  const text = `${Math.abs(pct) >= 1e21 ? formatSignificant(pct, 3) : pct.toFixed(d)}%`;
  return signed && fraction > 0 ? `+${text}` : text;
}

/** A small error or tolerance in short scientific notation: 3.1e-6, 1.0e-4; 0 → "0". */
export function formatSci(x: number): string {
  if (!Number.isFinite(x)) return NONE;
  return x === 0 ? '0' : x.toExponential(1);
}
