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
  readonly subnet: SubnetPlan;
  readonly enis: EniPlan[];
}

/** Nine in ten ENIs belong to instances, as in most estates; the rest are managed services. */
const instanceShare = 0.9;
const serviceKinds: readonly EniKind[] = ['rds', 'elb', 'rds', 'elb', 'lambda'];

export function planWorkloads(
  sizes: EstateSizes,
  network: NetworkPlan,
  groups: readonly GroupPlan[],
  random: Random,
): { enis: EniPlan[]; instances: InstancePlan[] } {
  const groupsByVpc = network.vpcs.map((vpc) => {
    const own = groups.filter((group) => group.vpc === vpc);
    // ENIs rarely sit in a default group; use it only when the VPC has nothing else.
    return own.length > 1 ? own.slice(1) : own;
  });
  const pickGroups = (subnet: SubnetPlan): GroupPlan[] => {
    const own = groupsByVpc[subnet.vpc.index] ?? [];
    const start = random.int(own.length);
    const count = Math.min(own.length, 1 + random.int(3));
    return Array.from({ length: count }, (_, k) => own[(start + k) % own.length] as GroupPlan);
  };
  const enis: EniPlan[] = [];
  const newEni = (kind: EniKind, subnet: SubnetPlan, owner: InstancePlan | null, name: string) => {
    const eni: EniPlan = {
      index: enis.length,
      id: awsId('eni', enis.length),
      kind,
      subnet,
      ip: allocateAddress(subnet),
      groups: pickGroups(subnet),
      instanceId: owner?.id ?? null,
      deviceIndex: owner?.enis.length ?? 1,
      name,
    };
    enis.push(eni);
    owner?.enis.push(eni);
  };

  const instances: InstancePlan[] = [];
  let instanceEnis = Math.round(sizes.enis * instanceShare);
  while (instanceEnis > 0) {
    const index = instances.length;
    const instance = {
      id: awsId('i', index),
      name: `app-${index % 97}-${index}`,
      subnet: network.subnets[index % network.subnets.length] as SubnetPlan,
      enis: [],
    };
    instances.push(instance);
    // Every eighth instance has a second ENI (device index 1), as appliances and multi-homed hosts do.
    const count = index % 8 === 7 && instanceEnis >= 2 ? 2 : 1;
    for (let k = 0; k < count; k++) newEni('instance', instance.subnet, instance, instance.name);
    instanceEnis -= count;
  }
  for (let index = 0; enis.length < sizes.enis; index++) {
    const kind = serviceKinds[index % serviceKinds.length] as EniKind;
    newEni(kind, network.subnets[index % network.subnets.length] as SubnetPlan, null, `${kind}-${index}`);
  }
  return { enis, instances };
}
