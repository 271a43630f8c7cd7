import type { PublicAccessExclusion, Vpc } from '../domain/estate';
import type { EstateIndex, NamingExclusion } from './estateIndex';
import type { LayerVerdict } from './verdict';
import type { WayOut } from './wayOut';

/**
 * How a connection uses a VPC's internet gateway: opened from the internet (`in`), opened out
 * through the gateway from the workload's own public address (`out`), or out through a NAT gateway or
 * an egress-only internet gateway, which open connections out only (`out-only`).
 */
export type InternetUse = 'in' | 'out' | 'out-only';

/** The interface whose traffic meets the internet gateway: the workload's, or its NAT gateway's. */
interface Place {
  readonly vpcId: string;
  readonly subnetId: string;
}

/** What VPC Block Public Access does to a connection it does not let pass: drops it, or may. */
export interface PublicAccessBlock {
  readonly verdict: 'deny' | 'unknown';
  readonly reason: string;
}

type Mode = NonNullable<Vpc['blockPublicAccess']>;

/** The states in which an exclusion exempts for certain; the others kept at import may or may not. */
const inEffect: ReadonlySet<string> = new Set(['create-complete', 'update-complete']);

/**
 * What VPC Block Public Access does where the connection meets the internet gateway, or null where it
 * lets it pass. `block-bidirectional` blocks all traffic to and from internet gateways and egress-only
 * internet gateways; `block-ingress` all but the traffic of NAT gateways and egress-only internet
 * gateways; an exclusion of the VPC or subnet exempts it, `allow-egress` its outbound traffic only and
 * under `block-bidirectional` only. A NAT gateway's connection for a `client` in a subnet that no
 * exclusion exempts, where the NAT gateway's own subnet is exempt, is not documented either way.
 * docs/semantics/aws.md, "VPC Block Public Access".
 */
export function publicAccessBlock(
  index: EstateIndex,
  place: Place,
  use: InternetUse,
  client: Place | null = null,
): PublicAccessBlock | null {
  const { block, exemptedBy } = blockAt(index, place, use);
  if (block !== null || exemptedBy === null || client === null) return block;
  const clientSide = blockAt(index, client, use).block;
  if (clientSide === null) return null;
  return {
    verdict: 'unknown',
    reason: `${exemptedBy.exclusion.id} exempts the NAT gateway's ${exemptedBy.of}, but for the client's ${client.subnetId} ${clientSide.reason}; whether Block Public Access drops what a NAT gateway it exempts sends for such a subnet is not documented`,
  };
}

function blockAt(
  index: EstateIndex,
  place: Place,
  use: InternetUse,
): { block: PublicAccessBlock | null; exemptedBy: NamingExclusion | null } {
  const mode = index.blockPublicAccess(place.vpcId);
  if (mode === null || (mode === 'block-ingress' && use === 'out-only'))
    return { block: null, exemptedBy: null };
  const drops = `VPC Block Public Access is ${mode} in the Region of ${place.vpcId}, which drops this at the internet gateway`;
  const exclusions = index.publicAccessExclusions(place.vpcId, place.subnetId);
  if (exclusions === null) {
    const reason = `${drops} unless an exclusion exempts ${place.vpcId} or ${place.subnetId} (aws ec2 describe-vpc-block-public-access-exclusions, not in the export)`;
    return { block: { verdict: 'unknown', reason }, exemptedBy: null };
  }
  const exempting = exclusions.filter(({ exclusion }) => exempts(exclusion, mode, use));
  const certain = exempting.find(({ exclusion }) => inEffect.has(exclusion.state));
  if (certain !== undefined) return { block: null, exemptedBy: certain };
  const pending = exempting[0];
  if (pending !== undefined) {
    const reason = `${drops} unless the exclusion ${pending.exclusion.id} of ${pending.of}, which is ${pending.exclusion.state}, exempts it`;
    return { block: { verdict: 'unknown', reason }, exemptedBy: null };
  }
  return {
    block: { verdict: 'deny', reason: `${drops}: ${unexempted(exclusions, place, mode)}` },
    exemptedBy: null,
  };
}

/** "allow-egress: Allow outbound internet traffic … Only applies when VPC Block Public Access is set to Bidirectional." */
function exempts(exclusion: PublicAccessExclusion, mode: Mode, use: InternetUse): boolean {
  if (exclusion.mode === 'allow-bidirectional') return true;
  return use !== 'in' && mode === 'block-bidirectional';
}

function unexempted(exclusions: readonly NamingExclusion[], place: Place, mode: Mode): string {
  if (exclusions.length === 0) return `no exclusion exempts ${place.subnetId} or ${place.vpcId}`;
  const egressOnly = exclusions.map(({ exclusion, of }) => `${exclusion.id} of ${of}`).join(' and ');
  return mode === 'block-ingress'
    ? `its exclusion ${egressOnly} allows egress, which exempts nothing under block-ingress`
    : `its exclusion ${egressOnly} allows egress only`;
}

/** The layer as it stands, or as Block Public Access leaves it: dropped, or unknown where it may be. */
export function underBlock(layer: LayerVerdict, block: PublicAccessBlock | null): LayerVerdict {
  if (block === null || layer.verdict === 'deny') return layer;
  const verdict = block.verdict === 'deny' ? 'deny' : 'unknown';
  return { ...layer, verdict, reason: `${layer.reason}; but ${block.reason}` };
}

export function wayUnderBlock(way: WayOut, block: PublicAccessBlock | null): WayOut {
  return { ...way, route: underBlock(way.route, block) };
}
