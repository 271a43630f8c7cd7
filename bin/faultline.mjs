#!/usr/bin/env node
// The CLI runs the TypeScript sources directly, so it works right after `npm install` with no build.
import { register } from 'tsx/esm/api';

// `faultline check … | head` closes the pipe before the output ends: stop quietly, as other
// command-line tools do, instead of dying on the write with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
