import type { ServiceDependency } from '../../../main/core/applications/model';

/** A dependency as a catalog declares it, over tcp. */
export function declared(from: string, to: string, port: number): ServiceDependency {
  return { from, to, protocol: 'tcp', port, source: 'declared', declaredAt: [], observed: null };
}
