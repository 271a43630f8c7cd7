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
  /** The same for queries from a random ENI out to an internet address (tcp/443). */
  readonly internetQuery: Latency;
  readonly peakRssMb: number;
}

export interface Latency {
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Times `count` calls of `query` one by one. */
function latency(count: number, query: () => void): Latency {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    query();
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  return {
    medianMs: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? 0,
  };
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
    const pick = () => random.pick(estate.workloads).id;
    const between = latency(queries, () =>
      engine.check({ source: pick(), destination: pick(), protocol: 'tcp', port: 443 }),
    );
    const internetQuery = latency(queries, () =>
      engine.check({ source: pick(), destination: '198.51.100.7', protocol: 'tcp', port: 443 }),
    );
    return {
      loadEstateMs: load.ms,
      indexBuildMs: build.ms,
      queries,
      queryMedianMs: between.medianMs,
      queryP99Ms: between.p99Ms,
      queryMaxMs: between.maxMs,
      internetQuery,
      peakRssMb: peakRssMb(),
    };
  } finally {
    workspace.close();
  }
}
