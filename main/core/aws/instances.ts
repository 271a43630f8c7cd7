import { readIp } from '../input/addressFields';
import type { JsonCursor } from '../input/jsonCursor';
import type { AwsExport, Draft } from './draft';
import { readTags } from './tags';

/** describe-instances groups instances by the launch request that made them: Reservations[].Instances[]. */
export const instancesExport: AwsExport = {
  listKey: 'Reservations',
  command: 'describe-instances',
  read(list, into) {
    let records = 0;
    for (const reservation of list.eachItem()) {
      for (const instance of reservation.list('Instances')) {
        readInstance(instance, into);
        records++;
      }
    }
    return records;
  },
};

function readInstance(instance: JsonCursor, into: Draft): void {
  const id = instance.str('InstanceId');
  into.instances.push({
    id,
    vpcId: instance.optStr('VpcId'),
    subnetId: instance.optStr('SubnetId'),
    state: instance.at('State').str('Name'),
    privateIp: instance.at('PrivateIpAddress').optional((ip) => readIp(ip, 4)),
    tags: readTags(instance),
    source: instance.source,
  });
  // The ENIs themselves come from describe-network-interfaces, which has their groups and addresses.
  for (const eni of instance.list('NetworkInterfaces')) {
    into.references.add(id, 'networkInterface', eni.at('NetworkInterfaceId'));
  }
}
