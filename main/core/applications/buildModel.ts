import type { ApplicationSources } from '../domain/applications';
import type { Estate, Tags } from '../domain/estate';
import { podWorkloadId } from '../domain/kubernetes';
import { nameKey, Spellings } from '../domain/spellings';
import { AddressOwners, type Holder, heldBy } from './addressOwners';
import { type EchoRequestCheck, foldEchoReplies } from './echoReplies';
import type {
  ApplicationModel,
  AppNode,
  ServiceDependency,
  ServiceNode,
  ServiceOrigin,
  UnassignedWorkload,
} from './model';
import { type FlowEndServices, type ObservedEdge, observedDependencies } from './observedDependencies';
import { PodServiceNames } from './podServices';
import { defaultTagKeys, podLabelKeys, type TagKeys, tagValue } from './tagKeys';
import { membershipOf, ServiceSelectors } from './workloadServices';

/** Shown as the application of a service nothing places in one. */
export const noApplication = '(no application)';

interface ServiceDraft {
  name: string;
  apps: Map<string, number>;
  declaredApp: string | null;
  owners: Set<string>;
  workloadIds: string[];
  addresses: Set<string>;
  origins: Set<ServiceOrigin>;
}

/**
 * Joins workloads (by tags and catalog selectors) with declared services, declared dependencies and
 * observed flows into apps → services → workloads → owners, and dependencies with their source.
 * Service, app and owner names are compared without regard to case and shown as first written, the
 * catalog's declarations first (domain/spellings.ts).
 */
export function buildApplicationModel(
  estate: Estate,
  sources: ApplicationSources,
  keys: TagKeys = defaultTagKeys,
  /** Tells a ping's replies from a ping the other way (echoReplies.ts); without it both are kept. */
  echoRequests?: EchoRequestCheck,
): ApplicationModel {
  const services = new Map<string, ServiceDraft>();
  const appName = new Spellings();
  const ownerName = new Spellings();
  const draft = (name: string): ServiceDraft => {
    let found = services.get(nameKey(name));
    if (!found) {
      found = {
        name,
        apps: new Map(),
        declaredApp: null,
        owners: new Set(),
        workloadIds: [],
        addresses: new Set(),
        origins: new Set(),
      };
      services.set(nameKey(name), found);
    }
    return found;
  };
  for (const declared of sources.services) {
    const service = draft(declared.name);
    service.declaredApp ??= declared.app === null ? null : appName.of(declared.app);
    if (declared.owner) service.owners.add(ownerName.of(declared.owner));
    for (const address of declared.addresses ?? []) service.addresses.add(address);
    service.origins.add(declared.origin);
  }
  const selectors = new ServiceSelectors(sources.services);
  const owners = new AddressOwners();
  const unassigned: UnassignedWorkload[] = [];
  const podKeys = podLabelKeys(keys);
  const placed = members(estate).map(
    (workload) =>
      [workload, membershipOf(workload, selectors, workload.namespace === null ? keys : podKeys)] as const,
  );
  // A service the catalog or a dependencies file declares is one service, wherever its pods run.
  const labelled = (workload: Member, membership: ReturnType<typeof membershipOf>) =>
    workload.namespace !== null &&
    membership !== null &&
    'service' in membership &&
    !services.has(nameKey(membership.service))
      ? { namespace: workload.namespace, service: membership.service, app: membership.tagApp }
      : null;
  const podServices = new PodServiceNames(
    placed.flatMap(([workload, membership]) => labelled(workload, membership) ?? []),
  );
  for (const [workload, membership] of placed) {
    if (!membership || 'contested' in membership) owners.hold(workload, null);
    if (!membership) {
      // A transit gateway's interfaces are its own and only pass others' traffic: no app to assign.
      if (workload.kind !== 'transit-gateway') unassigned.push(unassignedEntry(workload, keys));
      continue;
    }
    if ('contested' in membership) {
      const { contested, pairs } = membership;
      unassigned.push({
        workloadId: workload.id,
        kind: workload.kind,
        name: workload.name,
        reason: `the workload selectors of ${contested.join(' and ')} match it equally (${pairs} tag pair${pairs === 1 ? '' : 's'} each): make the one meant for it more specific`,
      });
      continue;
    }
    const pod = labelled(workload, membership);
    const service = draft(pod === null ? membership.service : podServices.nameOf(pod));
    service.workloadIds.push(workload.id);
    service.origins.add(membership.origin);
    if (membership.tagApp) {
      const app = appName.of(membership.tagApp);
      service.apps.set(app, (service.apps.get(app) ?? 0) + 1);
    }
    if (membership.tagOwner) service.owners.add(ownerName.of(membership.tagOwner));
    owners.hold(workload, service.name);
  }
  const ends = flowEnds(estate, owners, services.values());
  const flows =
    echoRequests === undefined ? sources.flows : foldEchoReplies(sources.flows, ends.checkedAs, echoRequests);
  const observed = observedDependencies(flows, ends);
  const unresolvedApis = sources.unresolvedApis.map((api) => ({
    ...api,
    consumer: draft(api.consumer).name,
  }));
  const declared = sources.dependencies.map((dependency) => {
    const [from, to] = [draft(dependency.from), draft(dependency.to)];
    from.origins.add(dependency.origin);
    to.origins.add(dependency.origin);
    return { ...dependency, from: from.name, to: to.name };
  });
  return {
    apps: groupIntoApps([...services.values()].map(toServiceNode)),
    unassigned,
    dependencies: mergeDependencies(declared, observed.edges),
    unattributedFlows: observed.unattributed,
    contestedFlows: observed.contested,
    outsideFlows: observed.outside,
    unresolvedApis,
  };
}

function toServiceNode(s: ServiceDraft): ServiceNode {
  // The catalog's word on the application wins; otherwise the app most of its workloads are tagged with.
  const tagged = [...s.apps.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  return {
    name: s.name,
    app: s.declaredApp ?? tagged ?? noApplication,
    owners: [...s.owners].sort(),
    workloadIds: s.workloadIds,
    ...(s.addresses.size > 0 ? { addresses: [...s.addresses] } : {}),
    origins: [...s.origins].sort(),
  };
}

function groupIntoApps(services: readonly ServiceNode[]): AppNode[] {
  const apps = new Map<string, ServiceNode[]>();
  for (const service of services) apps.set(service.app, [...(apps.get(service.app) ?? []), service]);
  return [...apps.entries()]
    .map(([name, members]) => ({
      name,
      owners: [...new Set(members.flatMap((m) => m.owners))].sort(),
      services: members.sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A flow's ends: an outside service by the address the catalog reaches it at, otherwise a workload's
 * service, told apart by the VPC of the interface that logged the records when several VPCs hold the
 * address. Conversations from outside are kept only into workloads: a change can stop those.
 */
function flowEnds(
  estate: Estate,
  owners: AddressOwners,
  services: Iterable<ServiceDraft>,
): FlowEndServices & { checkedAs: (address: string, interfaceId: string | undefined) => string } {
  const declared = new Map<string, string>();
  for (const service of services) {
    for (const address of service.addresses) declared.set(address, service.name);
  }
  const vpcOf = new Map(estate.workloads.map((workload) => [workload.id, workload.vpcId]));
  const seenFrom = (interfaceId: string | undefined) =>
    interfaceId === undefined ? undefined : vpcOf.get(interfaceId);
  const workloadService = (address: string, interfaceId: string | undefined) =>
    owners.ownerOf(address, seenFrom(interfaceId)) ?? undefined;
  return {
    serviceOf: (address, interfaceId) => declared.get(address) ?? workloadService(address, interfaceId),
    isWorkload: (address, interfaceId) => workloadService(address, interfaceId) !== undefined,
    eniOf: (address, interfaceId) => owners.holderOf(address, seenFrom(interfaceId))?.eni ?? null,
    relays: (address, interfaceId) => owners.holderOf(address, seenFrom(interfaceId))?.relays === true,
    isContested: (address, interfaceId) =>
      !declared.has(address) && owners.isContested(address, seenFrom(interfaceId)),
    // The engine tells which ENI an address several VPCs hold is only by the other end's VPC, and
    // refuses when both ends are such addresses: the ENI the interface told is named instead.
    checkedAs: (address, interfaceId) => {
      const eni = owners.holderOf(address, seenFrom(interfaceId))?.eni ?? null;
      return eni !== null && owners.isHeldInSeveralVpcs(address) ? eni : address;
    },
  };
}

/** What the model joins: an ENI by its tags, or a pod (`namespace/name`) by its labels. */
interface Member extends Holder {
  /** A pod's namespace; null for an ENI. */
  readonly namespace: string | null;
  readonly name: string | null;
  readonly tags: Tags;
}

function members(estate: Estate): Member[] {
  return [
    ...estate.workloads.map((w) => ({
      namespace: null,
      name: tagValue(w.tags, ['Name']),
      tags: w.tags,
      ...heldBy(w),
    })),
    ...(estate.kubernetes?.pods ?? []).map((pod) => ({
      id: podWorkloadId(pod),
      kind: 'pod',
      namespace: pod.namespace,
      name: pod.name,
      tags: pod.labels,
      vpcId: null,
      addresses: pod.ips,
      prefixes: [],
    })),
  ];
}

function unassignedEntry(member: Member, keys: TagKeys): UnassignedWorkload {
  const what = member.kind === 'pod' ? 'label' : 'tag';
  return {
    workloadId: member.id,
    kind: member.kind,
    name: member.name,
    reason: `no ${keys.app[0]}/${keys.service[0]} ${what} and no catalog selector matches it`,
  };
}

/**
 * Declared and observed dependencies side by side. A declaration with protocol and port meets the
 * observation of exactly that; one with a protocol alone meets every observation of that protocol
 * between the two services, and one with neither every observation between them.
 */
function mergeDependencies(
  declarations: ApplicationSources['dependencies'],
  observed: readonly ObservedEdge[],
): ServiceDependency[] {
  const merged = new Map<string, ServiceDependency>();
  const keyOf = (d: { from: string; to: string; protocol: string | null; port: number | null }) =>
    [d.from, d.to, d.protocol, d.port].join('\0');
  for (const { traffic, ...edge } of observed) {
    merged.set(keyOf(edge), { ...edge, source: 'observed', declaredAt: [], observed: traffic });
  }
  for (const declared of declarations) {
    const exact = merged.get(keyOf(declared));
    const matches = exact
      ? [exact]
      : declared.port === null
        ? [...merged.values()].filter(
            (d) =>
              d.from === declared.from &&
              d.to === declared.to &&
              d.observed &&
              (declared.protocol === null || d.protocol === declared.protocol),
          )
        : [];
    for (const match of matches) {
      merged.set(keyOf(match), {
        ...match,
        source: match.observed ? 'both' : 'declared',
        declaredAt: [...match.declaredAt, declared.source],
      });
    }
    if (matches.length === 0) {
      const { from, to, protocol, port, source } = declared;
      merged.set(keyOf(declared), {
        from,
        to,
        protocol,
        port,
        source: 'declared',
        declaredAt: [source],
        observed: null,
      });
    }
  }
  return [...merged.values()].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || (a.port ?? -1) - (b.port ?? -1),
  );
}
