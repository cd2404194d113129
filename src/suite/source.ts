/**
 * Reading a suite file into text, refusing what is not a suite before YAML sees it: directories,
 * missing or unreadable files, files over 1 MiB (a suite is a few KiB; anything larger is a
 * mistake or an attack), and bytes that are not UTF-8. A leading BOM is dropped.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';

/** Largest suite file accepted, bytes. */
export const MAX_SUITE_BYTES = 1024 * 1024;

/** Reads `file` as UTF-8 text; every refusal is an InputError naming the file. */
export async function readSuiteText(file: string): Promise<string> {
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) {
      throw new InputError(`${file}: is a directory, not a suite file; name a .yaml file inside it`);
    }
    size = st.size;
  } catch (err) {
    throw ioError(file, err);
  }
  if (size > MAX_SUITE_BYTES) throw tooLarge(file, size);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw ioError(file, err);
  }
  if (bytes.length > MAX_SUITE_BYTES) throw tooLarge(file, bytes.length);
  return decodeUtf8(bytes, file);
}

function tooLarge(file: string, size: number): InputError {
  return new InputError(
    `the file is ${size} bytes; suite files are limited to 1 MiB (${MAX_SUITE_BYTES} bytes), split it into several suites`,
    { file, line: 1, col: 1 },
  );
}

function ioError(file: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file; check the path, or name a built-in suite (default, full)'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied; make the file readable'
        : `cannot be read (${code ?? String(err)})`;
  return new InputError(`${file}: ${why}`);
}

/**
 * Decodes UTF-8 strictly, dropping one leading BOM. Invalid bytes are an InputError at their
 * line and column, so the user can find them.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const line = lines.length;
    const col = (lines[line - 1] ?? '').length + 1;
    const hex = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
    throw new InputError(`invalid UTF-8 (byte 0x${hex}); save the file as UTF-8`, { file, line, col });
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  return text;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or −1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const [len, lo, hi] =
      b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf]
        : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf]
          : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : [0, 0, 0];
    if (len === 0 || i + len > bytes.length) return i;
    for (let j = 1; j < len; j++) {
      const c = bytes[i + j] ?? 0;
      const [min, max] = j === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c < min || c > max) return i;
    }
    i += len;
  }
  return -1;
}
