import { Random } from '../random';
import { checkSizes, type EstateSizes } from '../sizes';
import { type GroupPlan, planGroups } from './groups';
import { type NetworkPlan, planNetwork } from './network';
import { type EniPlan, type InstancePlan, planWorkloads } from './workloads';

/** Every object of the estate with its ids settled, so renderers only print and references always resolve. */
export interface EstatePlan extends NetworkPlan {
  readonly groups: readonly GroupPlan[];
  readonly enis: readonly EniPlan[];
  readonly instances: readonly InstancePlan[];
}

export function planEstate(sizes: EstateSizes): EstatePlan {
  checkSizes(sizes);
  const random = new Random(sizes.seed);
  const network = planNetwork(sizes);
  const groups = planGroups(sizes, network, random);
  return { ...network, groups, ...planWorkloads(sizes, network, groups, random) };
}
