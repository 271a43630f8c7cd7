import type { JsonCursor } from '../input/jsonCursor';
import { perItem } from './draft';
import { readTags } from './tags';

/**
 * `aws ec2 describe-transit-gateways`: each transit gateway's state and options. Of the options,
 * security group referencing changes what gets through: without it, rules naming a group of a VPC
 * across the transit gateway match nothing (AWS calls them stale). The default route tables say
 * where a VPC attached in a what-if is associated and propagated.
 */
export const transitGatewaysExport = perItem(
  'TransitGateways',
  'describe-transit-gateways',
  (gateway, into) => {
    const options = gateway.at('Options');
    const association = defaultTable(
      options,
      'DefaultRouteTableAssociation',
      'AssociationDefaultRouteTableId',
    );
    const propagation = defaultTable(
      options,
      'DefaultRouteTablePropagation',
      'PropagationDefaultRouteTableId',
    );
    into.transitGateways.push({
      id: gateway.str('TransitGatewayId'),
      state: gateway.str('State'),
      securityGroupReferencing: enableOption(options, 'SecurityGroupReferencingSupport'),
      ...(association === undefined ? {} : { defaultAssociationTableId: association }),
      ...(propagation === undefined ? {} : { defaultPropagationTableId: propagation }),
      tags: readTags(gateway),
      source: gateway.source,
    });
  },
);

/**
 * The table a default option names: null when the option is `disable`, undefined when the output
 * does not say (the option, or the table's id, left out).
 */
function defaultTable(options: JsonCursor, option: string, tableKey: string): string | null | undefined {
  const enabled = enableOption(options, option);
  if (enabled === false) return null;
  return enabled === null ? undefined : (options.optStr(tableKey) ?? undefined);
}

/**
 * A transit gateway option, `enable` or `disable`; null when the options, or this one, are not
 * printed (CLIs older than an option leave it out). Anything else is refused where it is.
 */
export function enableOption(options: JsonCursor, key: string): boolean | null {
  if (options.isMissing) return null;
  const field = options.at(key);
  if (field.isMissing) return null;
  const value = field.string();
  if (value !== 'enable' && value !== 'disable') field.fail('"enable" or "disable"');
  return value === 'enable';
}
