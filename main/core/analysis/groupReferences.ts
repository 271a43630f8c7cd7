import type { RuleDirection } from '../domain/estate';
import type { EstateIndex } from './estateIndex';
import type { LegWay } from './routing';
import type { LayerOutcome } from './verdict';

/** Whether a rule naming a group matches that group's members at the other end of a request. */
export interface ReferenceReach {
  readonly outcome: LayerOutcome;
  /** Why not, or why it cannot be told; null when it does. */
  readonly why: string | null;
}

const reaches: ReferenceReach = { outcome: 'allow', why: null };

/**
 * A group is named across VPCs over an active peering ("reference peer security groups"), and
 * through a transit gateway only by inbound rules, and only when the transit gateway and both VPCs'
 * attachments enable security group referencing: otherwise such rules are stale and match nothing.
 * `request` is the way the request takes from the source's VPC to the destination's.
 */
export function referenceReach(
  index: EstateIndex,
  sourceVpcId: string,
  destinationVpcId: string,
  request: LegWay,
  direction: RuleDirection,
): ReferenceReach {
  if (sourceVpcId === destinationVpcId || request.kind === 'direct') return reaches;
  const { path, transitGatewayId } = request;
  const named = transitGatewayId ?? 'the transit gateway';
  if (direction === 'egress') {
    return {
      outcome: 'deny',
      why: `outbound rules do not match groups across a transit gateway (AWS supports only inbound rules naming them), and the request goes through ${named}`,
    };
  }
  if (path === null || transitGatewayId === null) {
    return {
      outcome: 'unknown',
      why: `the way through ${named} is not known, so neither is whether it lets rules name groups across it`,
    };
  }
  const gateway = index.transitGateway(transitGatewayId);
  const attachmentIds = [
    ...new Set([path.exit.attachmentId, ...path.entries.map((entry) => entry.attachmentId)]),
  ];
  // Any one of them disabling it is enough to tell; only then does a setting the export lacks matter.
  const settings = [
    {
      name: transitGatewayId,
      enabled: gateway?.securityGroupReferencing ?? null,
      unsaid:
        gateway === null
          ? 'describe-transit-gateways, which says, is not imported'
          : gateway === undefined
            ? `${transitGatewayId} is not in the imported describe-transit-gateways`
            : 'describe-transit-gateways does not print its SecurityGroupReferencingSupport',
    },
    ...attachmentIds.map((id) => ({
      name: `its attachment ${id}`,
      enabled: index.transitGatewayAttachment(id)?.vpc?.securityGroupReferencing ?? null,
      unsaid: 'describe-transit-gateway-vpc-attachments does not print its SecurityGroupReferencingSupport',
    })),
  ];
  const off = settings.find((setting) => setting.enabled === false);
  if (off !== undefined) {
    return {
      outcome: 'deny',
      why: `${off.name} disables security group referencing, so rules naming a group across ${transitGatewayId} match nothing`,
    };
  }
  const unsaid = settings.find((setting) => setting.enabled === null);
  if (unsaid !== undefined) {
    return {
      outcome: 'unknown',
      why: `whether ${unsaid.name} enables security group referencing cannot be told: ${unsaid.unsaid}`,
    };
  }
  return reaches;
}

/**
 * Whether rules naming groups reach across `transitGatewayId` between these VPCs, for measures over
 * VPCs, where no flow's way is known: `on` when it and an attachment of each VPC enable referencing,
 * `off` when it or every attachment of one VPC disables it, `unsaid` otherwise.
 */
export function referencingAcross(
  index: EstateIndex,
  transitGatewayId: string,
  vpcIds: readonly string[],
): 'on' | 'off' | 'unsaid' {
  const gateway = index.transitGateway(transitGatewayId)?.securityGroupReferencing ?? null;
  const attachments = vpcIds.map((vpcId) =>
    index
      .vpcAttachments(vpcId, transitGatewayId)
      .map((attachment) => attachment.vpc?.securityGroupReferencing ?? null),
  );
  if (
    gateway === false ||
    attachments.some((settings) => settings.length > 0 && settings.every((on) => on === false))
  )
    return 'off';
  return gateway === true && attachments.every((settings) => settings.includes(true)) ? 'on' : 'unsaid';
}
