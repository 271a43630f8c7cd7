/**
 * The service runs here, in a utilityProcess, so imports and analyses never block the main
 * process's event loop and the window stays responsive.
 */
import { createService } from '../service/createService';
import { dispatch } from '../service/dispatch';
import type { FaultlineService } from '../service/faultlineService';
import type { FromWorker, ToWorker } from './workerProtocol';

const port = process.parentPort;
const send = (message: FromWorker) => port.postMessage(message);
let service: FaultlineService | null = null;

port.on('message', async ({ data }: { data: ToWorker }) => {
  if (data.type === 'init') {
    try {
      ({ service } = await createService({
        dbFile: data.dbFile,
        ...(data.seedSampleFrom ? { seedSampleFrom: data.seedSampleFrom } : {}),
        ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
        emit: (event, payload) => send({ type: 'event', event, payload } as FromWorker),
      }));
      send({ type: 'ready' });
    } catch (error) {
      send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  const result = service
    ? await dispatch(service, data.method, data.args)
    : { ok: false as const, error: { code: 'internal' as const, message: 'The workspace is not open yet.' } };
  send({ type: 'result', id: data.id, result });
});
