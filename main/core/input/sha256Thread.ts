import { Worker } from 'node:worker_threads';
import { sha256Hex } from './fileDigest';

/**
 * A script run by `eval`, so that it needs no file of its own in any bundle. It takes Node's modules
 * from `process.getBuiltinModule`: electron-vite adds a CommonJS shim to any bundle whose text holds
 * a call to `require`, even in a string, and put it in the middle of another module's string.
 */
const threadSource = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { createHash } = process.getBuiltinModule('node:crypto');
parentPort.on('message', ({ id, bytes }) => {
  parentPort.postMessage({ id, sha256: createHash('sha256').update(bytes).digest('hex') });
});
`;

/**
 * sha256 of files in shared memory (FileBuffers), on a thread of its own, which reads the bytes where
 * they are: the next file is hashed on the other core while this one is parsed. Bytes elsewhere are
 * hashed on the calling thread, as fileDigest.ts explains, and so is everything if the thread fails.
 * The thread starts with the first file it hashes, or when prepared; small imports never start it.
 */
export class Sha256Thread {
  private worker: Worker | null = null;
  private failed = false;
  private readonly waiting = new Map<number, (sha256: string | null) => void>();
  private nextId = 0;
  /** Hashes the thread made: a thread that fails leaves them all to the caller, which tests must see. */
  hashedOnThread = 0;

  async digest(bytes: Uint8Array): Promise<string> {
    const worker = bytes.buffer instanceof SharedArrayBuffer ? this.thread() : null;
    if (worker === null) return sha256Hex(bytes);
    const id = this.nextId++;
    const sha256 = await new Promise<string | null>((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, bytes });
    });
    return sha256 ?? sha256Hex(bytes);
  }

  /** Starts the thread now, so that it is ready by the time the first file has been read. */
  prepare(): void {
    this.thread();
  }

  /** Ends the thread; hashes still asked for are then made on the calling thread. */
  async stop(): Promise<void> {
    const { worker } = this;
    this.failed = true;
    this.worker = null;
    await worker?.terminate();
    this.settleAll();
  }

  private thread(): Worker | null {
    if (this.failed) return null;
    if (this.worker === null) {
      const worker = new Worker(threadSource, { eval: true });
      worker.on('message', ({ id, sha256 }: { id: number; sha256: string }) => {
        this.hashedOnThread++;
        this.waiting.get(id)?.(sha256);
        this.waiting.delete(id);
      });
      const gone = () => {
        this.failed = true;
        this.settleAll();
      };
      worker.on('error', gone);
      worker.on('exit', gone);
      this.worker = worker;
    }
    return this.worker;
  }

  private settleAll(): void {
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }
}
