import { type TaskName, tasks } from './tasks';

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

async function outcome(name: TaskName, args: string): Promise<Outcome> {
  try {
    const run = tasks[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await run(JSON.parse(args)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** Entry of a measurement process started by runIsolated: runs one task and sends back its outcome. */
const [name, args] = process.argv.slice(2) as [TaskName, string];
const result = await outcome(name, args);
// The open IPC channel would keep this process alive: let go of it once the message is out.
process.send?.(result, () => process.disconnect());
