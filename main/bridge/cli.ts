/**
 * Runs the loopback HTTP bridge for a human with a browser:
 *
 *   npx electron-vite build
 *   npx tsx main/bridge/cli.ts --db /tmp/x.db --static out/renderer --sample resources/sample --port 5174
 */
import { parseArgs } from 'node:util';
import { startBridge } from './server';

const usage =
  'Usage: tsx main/bridge/cli.ts --db <file.db> [--static out/renderer] [--sample resources/sample] [--port 0]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      static: { type: 'string', default: 'out/renderer' },
      sample: { type: 'string' },
      port: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (values.db === undefined || !Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const bridge = await startBridge({
    dbFile: values.db,
    staticDir: values.static,
    port,
    ...(values.sample === undefined ? {} : { seedSampleFrom: values.sample }),
  });
  console.log(`Faultline bridge listening on ${bridge.url}`);
  const stop = (): void => {
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
