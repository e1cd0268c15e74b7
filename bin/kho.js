#!/usr/bin/env node
// Entry point of the `kho` command: runs the compiled CLI (npm install builds dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/indexer/transports/cli/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('kho: the program is not built yet; run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(1);
}
// `kho search … | head`: a closed pipe is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
