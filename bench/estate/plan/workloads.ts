import { awsId, type Random } from '../random';
import type { EstateSizes } from '../sizes';
import type { GroupPlan } from './groups';
import { allocateAddress, type NetworkPlan, type SubnetPlan } from './network';

export type EniKind = 'instance' | 'rds' | 'elb' | 'lambda';

export interface EniPlan {
  readonly index: number;
  readonly id: string;
  readonly kind: EniKind;
  readonly subnet: SubnetPlan;
  readonly ip: string;
  readonly groups: readonly GroupPlan[];
  readonly instanceId: string | null;
  readonly deviceIndex: number;
  readonly name: string;
}

export interface InstancePlan {
  readonly id: string;
  readonly name: string;
  /** The app its service belongs to, and the team that owns the app: its `app` and `team` tags. */
  readonly app: string;
  readonly team: string;
  readonly subnet: SubnetPlan;
  readonly enis: EniPlan[];
}

/**
 * A deployed service: one launch template or task definition, so every ENI of it carries the same
 * groups, spread over a few subnets of one tier (one per availability zone), as auto scaling does.
 */
interface ServicePlan {
  readonly name: string;
  readonly app: string;
  readonly team: string;
  readonly subnets: readonly SubnetPlan[];
  readonly groups: readonly GroupPlan[];
  placed: number;
}

/** Nine in ten ENIs belong to instances, as in most estates; the rest are managed services. */
const instanceShare = 0.9;
const serviceKinds: readonly EniKind[] = ['rds', 'elb', 'rds', 'elb', 'lambda'];
/** ENIs per service on average, and the subnets (zones) each spans. */
const serviceSize = 16;
const zonesPerService = 3;
/** Services are dealt over this many apps, and apps over this many teams. */
const apps = 97;
const teams = 13;

export function planWorkloads(
  sizes: EstateSizes,
  network: NetworkPlan,
  groups: readonly GroupPlan[],
  random: Random,
): { enis: EniPlan[]; instances: InstancePlan[] } {
  const services = planServices(sizes, network, groups, random);
  const enis: EniPlan[] = [];
  const newEni = (kind: EniKind, service: ServicePlan, owner: InstancePlan | null, subnet: SubnetPlan) => {
    const eni: EniPlan = {
      index: enis.length,
      id: awsId('eni', enis.length),
      kind,
      subnet,
      ip: allocateAddress(subnet),
      groups: service.groups,
      instanceId: owner?.id ?? null,
      deviceIndex: owner?.enis.length ?? 1,
      name: owner?.name ?? `${kind}-${service.name}-${enis.length}`,
    };
    enis.push(eni);
    owner?.enis.push(eni);
  };
  // Round-robin over the zones of a service, as an auto scaling group balances them.
  const nextSubnet = (service: ServicePlan) =>
    service.subnets[service.placed++ % service.subnets.length] as SubnetPlan;

  const instances: InstancePlan[] = [];
  let instanceEnis = Math.round(sizes.enis * instanceShare);
  while (instanceEnis > 0) {
    const index = instances.length;
    const service = services[index % services.length] as ServicePlan;
    const instance: InstancePlan = {
      id: awsId('i', index),
      name: `${service.name}-${index}`,
      app: service.app,
      team: service.team,
      subnet: nextSubnet(service),
      enis: [],
    };
    instances.push(instance);
    // Every eighth instance has a second ENI (device index 1), as appliances and multi-homed hosts do.
    const count = index % 8 === 7 && instanceEnis >= 2 ? 2 : 1;
    for (let k = 0; k < count; k++) newEni('instance', service, instance, instance.subnet);
    instanceEnis -= count;
  }
  for (let index = 0; enis.length < sizes.enis; index++) {
    const kind = serviceKinds[index % serviceKinds.length] as EniKind;
    const service = services[(index * 7) % services.length] as ServicePlan;
    newEni(kind, service, null, nextSubnet(service));
  }
  return { enis, instances };
}

/** Services dealt over the VPCs; each takes one to three of its VPC's groups and one tier's subnets. */
function planServices(
  sizes: EstateSizes,
  network: NetworkPlan,
  groups: readonly GroupPlan[],
  random: Random,
): ServicePlan[] {
  const groupsByVpc = network.vpcs.map((vpc) => {
    const own = groups.filter((group) => group.vpc === vpc);
    // ENIs rarely sit in a default group; use it only when the VPC has nothing else.
    return own.length > 1 ? own.slice(1) : own;
  });
  const subnetsByVpc = network.vpcs.map((vpc) => network.subnets.filter((subnet) => subnet.vpc === vpc));
  const count = Math.max(1, Math.ceil(sizes.enis / serviceSize));
  return Array.from({ length: count }, (_, index): ServicePlan => {
    const vpc = network.vpcs[index % network.vpcs.length];
    const vpcIndex = vpc?.index ?? 0;
    const ownGroups = groupsByVpc[vpcIndex] ?? [];
    const ownSubnets = subnetsByVpc[vpcIndex] ?? [];
    const tier = ownSubnets[random.int(ownSubnets.length)]?.tier;
    const tierSubnets = ownSubnets.filter((subnet) => subnet.tier === tier);
    const firstSubnet = random.int(tierSubnets.length);
    const firstGroup = random.int(ownGroups.length);
    return {
      name: `svc-${index}`,
      app: `app-${index % apps}`,
      team: `team-${(index % apps) % teams}`,
      subnets: Array.from(
        { length: Math.min(zonesPerService, tierSubnets.length) },
        (_, k) => tierSubnets[(firstSubnet + k) % tierSubnets.length] as SubnetPlan,
      ),
      groups: Array.from(
        { length: Math.min(ownGroups.length, 1 + random.int(3)) },
        (_, k) => ownGroups[(firstGroup + k) % ownGroups.length] as GroupPlan,
      ),
      placed: 0,
    };
  });
}
