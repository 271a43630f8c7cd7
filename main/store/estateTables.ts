import type { Estate, EstateKey } from '../core/domain/estate';

type Item<K extends EstateKey> = Estate[K][number];

/**
 * How each kind of estate object maps to its table: the relation columns SQLite checks, taken from
 * the object. Every table also has `snapshot_id` and `ordinal` (the import order, kept on load). The rest of the object is
 * stored whole as JSON, so adding a field to a domain type needs no migration.
 */
interface TableSpec<K extends EstateKey> {
  readonly table: string;
  readonly columns: readonly string[];
  readonly values: (item: Item<K>) => readonly (string | number | null)[];
}

type TableSpecs = { readonly [K in EstateKey]: TableSpec<K> };

/** Insertion order respects the references between tables. */
export const estateTables: TableSpecs = {
  vpcs: { table: 'vpc', columns: ['id'], values: (v) => [v.id] },
  subnets: { table: 'subnet', columns: ['id', 'vpc_id'], values: (s) => [s.id, s.vpcId] },
  securityGroups: { table: 'security_group', columns: ['id', 'vpc_id'], values: (g) => [g.id, g.vpcId] },
  securityGroupRules: {
    table: 'security_group_rule',
    columns: ['key', 'group_id'],
    values: (r) => [r.key, r.groupId],
  },
  networkAcls: { table: 'network_acl', columns: ['id', 'vpc_id'], values: (a) => [a.id, a.vpcId] },
  networkAclEntries: { table: 'network_acl_entry', columns: ['acl_id'], values: (e) => [e.aclId] },
  workloads: { table: 'workload', columns: ['id', 'subnet_id'], values: (w) => [w.id, w.subnetId] },
  instances: { table: 'instance', columns: ['id'], values: (i) => [i.id] },
  prefixLists: { table: 'prefix_list', columns: ['id'], values: (p) => [p.id] },
  routeTables: { table: 'route_table', columns: ['id', 'vpc_id'], values: (t) => [t.id, t.vpcId] },
  peeringConnections: { table: 'peering_connection', columns: ['id'], values: (p) => [p.id] },
};
