import type { WorkloadKind } from './estate';

/** The ENI fields that tell who created it; AWS has no single "owner type" field. */
export interface EniTraits {
  readonly interfaceType: string;
  readonly description: string;
  readonly requesterId: string | null;
  readonly instanceId: string | null;
}

const kindOfInterfaceType: ReadonlyMap<string, WorkloadKind> = new Map([
  ['network_load_balancer', 'load-balancer'],
  ['gateway_load_balancer', 'load-balancer'],
  ['lambda', 'lambda'],
  ['vpc_endpoint', 'vpc-endpoint'],
  ['gateway_load_balancer_endpoint', 'vpc-endpoint'],
  ['nat_gateway', 'nat-gateway'],
  ['transit_gateway', 'transit-gateway'],
]);

/**
 * What an ENI belongs to. Managed services mostly create plain `interface` ENIs, so after the
 * interface type the description and requester are the evidence (`ELB app/…`, `RDSNetworkInterface`).
 */
export function classifyWorkload(eni: EniTraits): WorkloadKind {
  const byType = kindOfInterfaceType.get(eni.interfaceType);
  if (byType !== undefined) return byType;
  // Any ENI attached to an instance is the instance's, plain or not (efa, trunk).
  if (eni.instanceId !== null) return 'instance';
  const { description } = eni;
  if (description === 'RDSNetworkInterface' || eni.requesterId === 'amazon-rds') return 'rds';
  if (description.startsWith('ELB ')) return 'load-balancer';
  if (description.startsWith('AWS Lambda VPC ENI')) return 'lambda';
  if (description.startsWith('EFS mount target')) return 'efs';
  return 'other';
}

/** The NAT gateway an ENI is the interface of: AWS names it only in the description ("Interface for NAT Gateway nat-0123…"). */
export function natGatewayIdOf(eni: Pick<EniTraits, 'interfaceType' | 'description'>): string | null {
  return eni.interfaceType === 'nat_gateway'
    ? (/\bnat-[0-9a-f]+\b/.exec(eni.description)?.[0] ?? null)
    : null;
}
