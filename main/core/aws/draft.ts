import type {
  Instance,
  NetworkAcl,
  NetworkAclEntry,
  PeeringConnection,
  PrefixList,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  Vpc,
  Workload,
} from '../domain/estate';
import type { JsonCursor } from '../input/jsonCursor';
import type { NamedExclusion } from './publicAccessExclusions';
import { References } from './references';

/** Everything read from the files, before duplicates, references and rule precedence are settled. */
export interface Draft {
  readonly vpcs: Vpc[];
  readonly subnets: Subnet[];
  readonly securityGroups: SecurityGroup[];
  /** Derived from IpPermissions / IpPermissionsEgress. */
  readonly permissionRules: SecurityGroupRule[];
  /** From describe-security-group-rules; they win for the groups they cover. */
  readonly describedRules: SecurityGroupRule[];
  readonly networkAcls: NetworkAcl[];
  readonly networkAclEntries: NetworkAclEntry[];
  /** With the ENI's own tags only; the instance's are lent when linking. */
  readonly workloads: Workload[];
  readonly instances: Instance[];
  readonly prefixLists: PrefixList[];
  readonly routeTables: RouteTable[];
  readonly peeringConnections: PeeringConnection[];
  readonly transitGateways: TransitGateway[];
  /** From describe-transit-gateway-attachments; merged with the VPC attachments' own output by id. */
  readonly transitGatewayAttachments: TransitGatewayAttachment[];
  /** From describe-transit-gateway-vpc-attachments: the subnets and appliance mode. */
  readonly transitGatewayVpcAttachments: TransitGatewayAttachment[];
  /** One per search-transit-gateway-routes file; a table searched in parts has several. */
  readonly transitGatewayRouteTables: TransitGatewayRouteTable[];
  /** Tables whose search stopped before the end. */
  readonly incompleteTransitGatewayRouteTables: Set<string>;
  readonly publicAccessExclusions: NamedExclusion[];
  readonly references: References;
}

export function emptyDraft(): Draft {
  return {
    vpcs: [],
    subnets: [],
    securityGroups: [],
    permissionRules: [],
    describedRules: [],
    networkAcls: [],
    networkAclEntries: [],
    workloads: [],
    instances: [],
    prefixLists: [],
    routeTables: [],
    peeringConnections: [],
    transitGateways: [],
    transitGatewayAttachments: [],
    transitGatewayVpcAttachments: [],
    transitGatewayRouteTables: [],
    incompleteTransitGatewayRouteTables: new Set(),
    publicAccessExclusions: [],
    references: new References(),
  };
}

/** One `aws ec2 describe-*` output, recognised by the top-level key holding its list. */
export interface AwsExport {
  readonly listKey: string;
  /** The CLI command that prints it, e.g. `describe-vpcs`; also the file's kind in the import report. */
  readonly command: string;
  /** Reads the list at `listKey` into `into` and says how many records it held. */
  read(list: JsonCursor, into: Draft): number;
}

/** The common case: one record per list item. */
export function perItem(
  listKey: string,
  command: string,
  read: (item: JsonCursor, into: Draft) => void,
): AwsExport {
  return {
    listKey,
    command,
    read(list, into) {
      let records = 0;
      for (const item of list.eachItem()) {
        read(item, into);
        records++;
      }
      return records;
    },
  };
}
