import { ReachabilityEngine } from '../../main/core/analysis/reachability';
import { Workspace } from '../../main/store/workspace';
import { Random } from '../estate/random';
import { peakRssMb, percentile, timed } from './timing';

export interface AnalysisFigures {
  readonly loadEstateMs: number;
  readonly indexBuildMs: number;
  readonly queries: number;
  readonly queryMedianMs: number;
  readonly queryP99Ms: number;
  readonly queryMaxMs: number;
  readonly peakRssMb: number;
}

/** Loads the imported snapshot, builds the engine and times explained queries between random ENIs. */
export async function measureAnalysis(
  dbFile: string,
  snapshotId: number,
  seed: number,
  queries = 1_000,
): Promise<AnalysisFigures> {
  const workspace = Workspace.open(dbFile, { readonly: true });
  try {
    const load = await timed(() => workspace.snapshots.loadEstate(snapshotId));
    const estate = load.value;
    const build = await timed(() => new ReachabilityEngine(estate));
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
      queryMaxMs: latencies.at(-1) ?? 0,
      peakRssMb: peakRssMb(),
    };
  } finally {
    workspace.close();
  }
}
