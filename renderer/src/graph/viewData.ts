import type {
  ApplicationModel,
  FindingsOverview,
  PackedSegmentGraph,
  Topology,
} from '../../../preload/contract';

/** Everything the two views are drawn from, as the API answered it for one snapshot. */
export interface ViewData {
  readonly applications: ApplicationModel;
  readonly segmentGraph: PackedSegmentGraph;
  readonly topology: Topology;
  readonly findings: FindingsOverview;
}

export type TopologyWorkload = Topology['workloads'][number];
export type TopologySegment = Topology['segments'][number];
export type AppNode = ApplicationModel['apps'][number];
export type ServiceNode = AppNode['services'][number];
export type Finding = FindingsOverview['findings'][number];

/** Lookups both adapters and the linking need, built once per snapshot. */
export interface ViewIndex {
  readonly data: ViewData;
  readonly workloads: ReadonlyMap<string, TopologyWorkload>;
  readonly segments: ReadonlyMap<string, TopologySegment>;
  readonly services: ReadonlyMap<string, ServiceNode>;
  readonly apps: ReadonlyMap<string, AppNode>;
  /** Security group id → its member workload ids. */
  readonly members: ReadonlyMap<string, readonly string[]>;
  /** Subnet id → the workload ids in it. */
  readonly subnetWorkloads: ReadonlyMap<string, readonly string[]>;
}

export function indexViewData(data: ViewData): ViewIndex {
  const members = new Map<string, string[]>();
  const subnetWorkloads = new Map<string, string[]>();
  for (const workload of data.topology.workloads) {
    for (const groupId of workload.groupIds) push(members, groupId, workload.id);
    push(subnetWorkloads, workload.subnetId, workload.id);
  }
  const services = data.applications.apps.flatMap((app) => app.services);
  return {
    data,
    workloads: new Map(data.topology.workloads.map((w) => [w.id, w])),
    segments: new Map(data.topology.segments.map((s) => [s.groupId, s])),
    services: new Map(services.map((s) => [s.name, s])),
    apps: new Map(data.applications.apps.map((a) => [a.name, a])),
    members,
    subnetWorkloads,
  };
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
