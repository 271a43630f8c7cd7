import type { JsonCursor } from '../input/jsonCursor';
import { perItem } from './draft';
import { readTags } from './tags';

/**
 * `aws ec2 describe-transit-gateways`: each transit gateway's state and options. Of the options, only
 * security group referencing changes what gets through: without it, rules naming a group of a VPC
 * across the transit gateway match nothing (AWS calls them stale).
 */
export const transitGatewaysExport = perItem(
  'TransitGateways',
  'describe-transit-gateways',
  (gateway, into) => {
    into.transitGateways.push({
      id: gateway.str('TransitGatewayId'),
      state: gateway.str('State'),
      securityGroupReferencing: enableOption(gateway.at('Options'), 'SecurityGroupReferencingSupport'),
      tags: readTags(gateway),
      source: gateway.source,
    });
  },
);

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
