// Run by importPathsWithModes in a child process: prints the Result of one import by the service.
import { createService } from '../../../main/service/createService';
import { toApiError } from '../../../main/service/dispatch';

const [db = '', ...paths] = process.argv.slice(2);
const { service, close } = await createService({ dbFile: db });
try {
  const value = await service.importPaths(paths);
  console.log(JSON.stringify({ ok: true, value }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: toApiError('importPaths', error) }));
} finally {
  close();
}
