import { Workspace, type WorkspaceOptions } from '../store/workspace';
import { type EventSink, FaultlineService, type ImportLimits } from './faultlineService';
import type { PdfPrinter } from './pdfPrinter';

export interface CreateServiceOptions extends WorkspaceOptions {
  readonly dbFile: string;
  readonly emit?: EventSink;
  readonly limits?: ImportLimits;
  /** A folder with an export, imported when the workspace holds no snapshot yet. */
  readonly seedSampleFrom?: string;
  readonly printPdf?: PdfPrinter;
}

export const sampleSnapshotName = 'Northwind Retail (sample)';

/** Opens the workspace and the service over it; seeds the bundled sample on first start. */
export async function createService(
  options: CreateServiceOptions,
): Promise<{ service: FaultlineService; workspace: Workspace; close(): void }> {
  const workspace = Workspace.open(options.dbFile, options);
  const service = new FaultlineService(workspace, {
    ...(options.emit ? { emit: options.emit } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
  });
  try {
    if (options.seedSampleFrom && workspace.snapshots.list().length === 0) {
      await service.importPaths([options.seedSampleFrom], sampleSnapshotName);
    }
  } catch (error) {
    workspace.close();
    throw error;
  }
  return { service, workspace, close: () => workspace.close() };
}
