/**
 * The service runs here, in a utilityProcess, so imports and analyses never block the main
 * process's event loop and the window stays responsive.
 */
import { createWorkerHost } from './workerHost';
import type { ToWorker } from './workerProtocol';

const handle = createWorkerHost((message) => process.parentPort.postMessage(message));
process.parentPort.on('message', ({ data }: { data: ToWorker }) => void handle(data));
