#!/usr/bin/env node
// The `mpsbench` command. dist/ is built by `npm run build` (and by `npm pack`/`npm publish`
// through `prepack`); a checkout that was never built gets a one-line hint instead of a trace.
const entry = new URL('../dist/cli.js', import.meta.url);
try {
  await import(entry.href);
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(entry.pathname)) {
    process.stderr.write(`error: mpsbench is not built (${entry.pathname} is missing)\n  hint: run "npm run build" in ${new URL('..', import.meta.url).pathname}\n`);
    process.exit(2);
  }
  throw err;
}
