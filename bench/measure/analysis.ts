import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Estate } from '../../main/core/domain/estate';
import { Workspace } from '../../main/store/workspace';
import { Random } from '../estate/random';
import { peakRssMb, percentile, timed } from './timing';

/** The engine's shape as the bench uses it; the real class lands in main/core/analysis. */
interface ReachabilityEngine {
  check(query: { source: string; destination: string; protocol: string; port: number }): unknown;
}
type EngineClass = new (estate: Estate) => ReachabilityEngine;

export interface AnalysisFigures {
  readonly loadEstateMs: number;
  readonly indexBuildMs: number;
  readonly queries: number;
  readonly queryMedianMs: number;
  readonly queryP99Ms: number;
  /** Building the whole reachability graph: measured once the engine offers it. */
  readonly fullGraphMs: number | null;
  readonly peakRssMb: number;
}

const engineModule = '../../main/core/analysis/reachability.ts';

/** The engine when it exists; a variable specifier keeps this file compiling before it does. */
async function loadEngine(): Promise<EngineClass | null> {
  if (!existsSync(fileURLToPath(new URL(engineModule, import.meta.url)))) return null;
  const module = (await import(engineModule)) as { ReachabilityEngine?: unknown };
  return typeof module.ReachabilityEngine === 'function' ? (module.ReachabilityEngine as EngineClass) : null;
}

export async function measureAnalysis(
  dbFile: string,
  snapshotId: number,
  seed: number,
  queries = 1_000,
): Promise<AnalysisFigures | null> {
  const Engine = await loadEngine();
  if (Engine === null) return null;
  const workspace = Workspace.open(dbFile, { readonly: true });
  try {
    const load = await timed(() => workspace.snapshots.loadEstate(snapshotId));
    const estate = load.value;
    const build = await timed(() => new Engine(estate));
    const engine = build.value;
    const random = new Random(seed);
    const latencies: number[] = [];
    for (let i = 0; i < queries; i++) {
      const source = random.pick(estate.workloads).id;
      const destination = random.pick(estate.workloads).id;
      const start = performance.now();
      engine.check({ source, destination, protocol: 'tcp', port: 443 });
      latencies.push(performance.now() - start);
    }
    latencies.sort((a, b) => a - b);
    return {
      loadEstateMs: load.ms,
      indexBuildMs: build.ms,
      queries,
      queryMedianMs: percentile(latencies, 0.5),
      queryP99Ms: percentile(latencies, 0.99),
      // Full graph: add its measurement here when the engine can build the whole graph.
      fullGraphMs: null,
      peakRssMb: peakRssMb(),
    };
  } finally {
    workspace.close();
  }
}
