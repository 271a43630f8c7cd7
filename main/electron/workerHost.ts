import { createService } from '../service/createService';
import { dispatch } from '../service/dispatch';
import type { FaultlineService } from '../service/faultlineService';
import type { FromWorker, ToWorker } from './workerProtocol';

/**
 * The worker's message handling, free of Electron so it runs and is tested under plain Node:
 * `init` opens the workspace (seeding the sample), each `call` is dispatched and answered by id.
 */
export function createWorkerHost(send: (message: FromWorker) => void): (message: ToWorker) => Promise<void> {
  let service: FaultlineService | null = null;
  return async (message) => {
    if (message.type === 'init') {
      try {
        ({ service } = await createService({
          dbFile: message.dbFile,
          ...(message.seedSampleFrom ? { seedSampleFrom: message.seedSampleFrom } : {}),
          ...(message.nativeBinding ? { nativeBinding: message.nativeBinding } : {}),
          emit: (event, payload) => send({ type: 'event', event, payload }),
        }));
        send({ type: 'ready' });
      } catch (error) {
        send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    const result = service
      ? await dispatch(service, message.method, message.args)
      : {
          ok: false as const,
          error: { code: 'internal' as const, message: 'The workspace is not open yet.' },
        };
    send({ type: 'result', id: message.id, result });
  };
}
