import { fork } from 'node:child_process';
import type { TaskArgs, TaskName, TaskResult } from './tasks';

const childEntry = new URL('./child.ts', import.meta.url);

/**
 * Runs one measurement in a fresh Node process. Peak RSS is a high-water mark for the whole process,
 * so only a process that did nothing else can say what the import itself needed; a fresh heap also
 * keeps one measurement's garbage out of the next one's timings.
 */
export function runIsolated<N extends TaskName>(name: N, args: TaskArgs<N>): Promise<TaskResult<N>> {
  return new Promise((resolve, reject) => {
    const child = fork(childEntry, [name, JSON.stringify(args)], {
      execArgv: [...profilerFlags(), '--import', import.meta.resolve('tsx')],
    });
    let result: { ok: true; value: TaskResult<N> } | { ok: false; error: string } | undefined;
    child.on('message', (message) => {
      result = message as typeof result;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result?.ok) resolve(result.value);
      else reject(new Error(`bench task ${name} failed (exit ${code}): ${result?.error ?? 'no result'}`));
    });
  });
}

/**
 * `node --cpu-prof --import tsx bench/index.ts` profiles every measurement: Node 20 refuses
 * `--cpu-prof` in NODE_OPTIONS, so the bench hands its own profiler flags to each child.
 */
function profilerFlags(): string[] {
  return process.execArgv.filter((flag) => flag.startsWith('--cpu-prof') || flag.startsWith('--heap-prof'));
}
