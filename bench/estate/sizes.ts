/** How big an estate to generate. Rules are counted one per peer, as the importer counts them. */
export interface EstateSizes {
  readonly enis: number;
  readonly groups: number;
  readonly rules: number;
  readonly subnets: number;
  readonly vpcs: number;
  readonly seed: number;
}

/** The estate the import speed target is set for. */
export const fullSizes: EstateSizes = {
  enis: 50_000,
  groups: 5_000,
  rules: 100_000,
  subnets: 500,
  vpcs: 10,
  seed: 20_250_601,
};

export function checkSizes(sizes: EstateSizes): void {
  const positive = ['enis', 'groups', 'subnets', 'vpcs'] as const;
  for (const key of positive) {
    if (!Number.isInteger(sizes[key]) || sizes[key] < 1) throw new Error(`${key} must be a whole number ≥ 1`);
  }
  if (!Number.isInteger(sizes.rules) || sizes.rules < 0) throw new Error('rules must be a whole number ≥ 0');
  if (sizes.vpcs > 200) throw new Error('at most 200 VPCs: each takes a 10.x.0.0/16');
  if (sizes.groups < Math.min(sizes.vpcs, sizes.subnets)) {
    throw new Error('need at least one security group per VPC (its default group)');
  }
}
