#!/usr/bin/env node
// The CLI runs the TypeScript sources directly, so it works right after `npm install` with no build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
