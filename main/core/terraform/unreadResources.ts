import type { NotEvaluated } from '../impact/change';
import type { JsonCursor } from '../input/jsonCursor';
import { isUnknown, type ResourceChange } from './planFile';

/**
 * Resource types that change what gets through but that Faultline does not read, with the arguments
 * that do (null: the resource itself does). A plan that creates or destroys one, or changes those
 * arguments, is told so under Not evaluated rather than passed over in silence.
 */
const unread: ReadonlyMap<string, readonly string[] | null> = new Map([
  ['aws_default_security_group', ['ingress', 'egress']],
  ['aws_default_network_acl', ['ingress', 'egress', 'subnet_ids']],
  ['aws_default_route_table', ['route']],
  ['aws_main_route_table_association', null],
  ['aws_network_interface', ['security_groups', 'subnet_id', 'private_ips', 'private_ip_list']],
  ['aws_network_interface_sg_attachment', null],
  [
    'aws_instance',
    ['vpc_security_group_ids', 'security_groups', 'subnet_id', 'private_ip', 'associate_public_ip_address'],
  ],
  ['aws_eip_association', null],
  ['aws_nat_gateway', null],
  ['aws_internet_gateway', null],
  ['aws_egress_only_internet_gateway', null],
  ['aws_vpc_peering_connection', null],
  ['aws_vpc_peering_connection_accepter', null],
  ['aws_ec2_transit_gateway_route_table', null],
  ['aws_ec2_transit_gateway_peering_attachment', null],
  ['aws_vpn_gateway_route_propagation', null],
  ['aws_vpc_block_public_access_options', null],
  ['aws_vpc_block_public_access_exclusion', null],
]);

/** The change of a resource type Faultline does not read, when it matters to what gets through. */
export function unreadChange(change: ResourceChange): NotEvaluated | null {
  if (!unread.has(change.type)) return null;
  const args = unread.get(change.type) ?? null;
  const whole = change.before === null || change.after === null;
  const changed =
    args === null || whole
      ? null
      : args.filter(
          (arg) =>
            isUnknown(change.afterUnknown, [arg]) ||
            JSON.stringify(argument(change.before, arg)) !== JSON.stringify(argument(change.after, arg)),
        );
  if (changed !== null && changed.length === 0) return null;
  const what = changed === null ? 'what it changes' : `what it changes (${changed.join(', ')})`;
  return { where: change.address, what: `${change.type} is not read: ${what} is not evaluated` };
}

function argument(resource: JsonCursor | null, arg: string): unknown {
  return resource?.at(arg).value ?? null;
}
