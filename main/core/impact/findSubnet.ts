import type { Estate, Subnet } from '../domain/estate';
import { FieldError } from './ruleFields';

/** The subnet an edit names, or the edit is refused at `field`. */
export function findSubnet(estate: Estate, subnetId: string, field: string): Subnet {
  const found = estate.subnets.find((subnet) => subnet.id === subnetId);
  if (found === undefined) throw new FieldError(field, `no subnet ${subnetId} in this snapshot`);
  return found;
}
