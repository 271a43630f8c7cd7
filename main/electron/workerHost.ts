import { createService } from '../service/createService';
import { dispatch } from '../service/dispatch';
import type { FaultlineService } from '../service/faultlineService';
import { PdfError, type PdfPrinter } from '../service/pdfPrinter';
import { eventMessage, type FromWorker, type ToWorker, type WorkerPrinted } from './workerProtocol';

/**
 * The worker's message handling, free of Electron so it runs and is tested under plain Node:
 * `init` opens the workspace (seeding the sample), each `call` is dispatched and answered by id, and
 * PDFs are printed by asking the main process (`print`, answered by `printed`).
 */
export function createWorkerHost(send: (message: FromWorker) => void): (message: ToWorker) => Promise<void> {
  let service: FaultlineService | null = null;
  const prints = new Map<number, (result: WorkerPrinted['result']) => void>();
  let nextPrint = 1;
  const printPdf: PdfPrinter = (html) =>
    new Promise((resolve, reject) => {
      const id = nextPrint++;
      prints.set(id, (result) => (result.ok ? resolve(result.data) : reject(new PdfError(result.message))));
      send({ type: 'print', id, html });
    });
  return async (message) => {
    if (message.type === 'printed') {
      prints.get(message.id)?.(message.result);
      prints.delete(message.id);
      return;
    }
    if (message.type === 'init') {
      try {
        ({ service } = await createService({
          dbFile: message.dbFile,
          ...(message.seedSampleFrom ? { seedSampleFrom: message.seedSampleFrom } : {}),
          ...(message.nativeBinding ? { nativeBinding: message.nativeBinding } : {}),
          emit: (event, payload) => send(eventMessage(event, payload)),
          printPdf,
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
