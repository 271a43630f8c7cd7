import { ReachabilityEngine } from '../analysis/reachability';
import type { ApplicationModel, AppNode, ServiceNode } from '../applications/model';
import { type TagKeys, tagValue } from '../applications/tagKeys';
import type { Estate, SecurityGroup, Workload } from '../domain/estate';

/**
 * Everything the finding rules look things up in, built once per snapshot: who is in which segment,
 * which service and app a workload belongs to, who owns what.
 */
export class FindingContext {
  readonly engine: ReachabilityEngine;
  readonly workloads: ReadonlyMap<string, Workload>;
  readonly groups: ReadonlyMap<string, SecurityGroup>;
  /** Security group id → the workloads carrying it. */
  readonly members: ReadonlyMap<string, readonly Workload[]>;
  /** Workload id → its service (and through it its app and owners). */
  readonly serviceOf: ReadonlyMap<string, ServiceNode>;
  readonly services: ReadonlyMap<string, ServiceNode>;
  readonly apps: ReadonlyMap<string, AppNode>;

  constructor(
    readonly estate: Estate,
    readonly applications: ApplicationModel,
    readonly tagKeys: TagKeys,
    engine?: ReachabilityEngine,
  ) {
    this.engine = engine ?? new ReachabilityEngine(estate);
    this.workloads = new Map(estate.workloads.map((w) => [w.id, w]));
    this.groups = new Map(estate.securityGroups.map((g) => [g.id, g]));
    const members = new Map<string, Workload[]>();
    for (const workload of estate.workloads) {
      for (const groupId of workload.groupIds) {
        const list = members.get(groupId);
        if (list) list.push(workload);
        else members.set(groupId, [workload]);
      }
    }
    this.members = members;
    const services = applications.apps.flatMap((app) => app.services);
    this.services = new Map(services.map((s) => [s.name, s]));
    this.apps = new Map(applications.apps.map((app) => [app.name, app]));
    this.serviceOf = new Map(services.flatMap((s) => s.workloadIds.map((id) => [id, s] as const)));
  }

  private readonly owners = new Map<string, string | null>();

  /**
   * The team or person a security group's tags name as its owner (the workspace's owner keys).
   * Remembered: the finding rules ask for a group's owner once per rule, hundreds of thousands of times.
   */
  segmentOwner(groupId: string): string | null {
    let owner = this.owners.get(groupId);
    if (owner === undefined) {
      const group = this.groups.get(groupId);
      owner = group ? tagValue(group.tags, this.tagKeys.owner) : null;
      this.owners.set(groupId, owner);
    }
    return owner;
  }

  /** "sg-0abc (backend-shared)" */
  groupLabel(groupId: string): string {
    const name = this.groups.get(groupId)?.name;
    return name ? `${groupId} (${name})` : groupId;
  }

  private readonly appsOfSegment = new Map<string, readonly string[]>();

  /** The apps whose workloads carry a group, by name. Remembered: several finding rules ask per group. */
  appsInSegment(groupId: string): readonly string[] {
    let names = this.appsOfSegment.get(groupId);
    if (names === undefined) {
      const apps = new Set<string>();
      for (const workload of this.members.get(groupId) ?? []) {
        const app = this.serviceOf.get(workload.id)?.app;
        if (app) apps.add(app);
      }
      names = [...apps].sort();
      this.appsOfSegment.set(groupId, names);
    }
    return names;
  }
}
