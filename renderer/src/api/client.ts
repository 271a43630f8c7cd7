import type { FaultlineApi } from '../../../preload/contract';
import { createHttpApi } from './httpApi';

/**
 * The one FaultlineApi the renderer talks through: Electron's preload object when it is there,
 * otherwise the loopback HTTP bridge that served this page.
 */
export function createApiClient(): FaultlineApi {
  return window.faultline ?? createHttpApi(window.location.origin);
}
