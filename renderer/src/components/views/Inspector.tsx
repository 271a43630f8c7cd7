import type { ReactNode } from 'react';
import { protocolPort } from '../../format';
import { type ClusterSegment, clusterSegment } from '../../graph/clusterSegments';
import { keyOf, keyOfFindingObject, parseKey } from '../../graph/keys';
import type { TopologySegment, TopologyWorkload, ViewIndex } from '../../graph/viewData';
import { type AddedLine, addedEntries, addedRules, inEvaluationOrder } from '../../state/impactEdits';
import { useImpactState } from '../../state/useImpactState';
import { useViewStore } from '../../state/useViewState';
import type { ViewState } from '../../state/viewStore';
import { NamespaceWhatIf, PodLabelsWhatIf, PolicyWhatIf } from '../impact/ClusterWhatIf';
import { PendingEdit } from '../impact/PendingEdit';
import { PrefixListWhatIf } from '../impact/PrefixListWhatIf';
import { RouteTableWhatIf, SubnetRouteTableWhatIf } from '../impact/RouteTableWhatIf';
import { AddEntryWhatIf, AddRuleWhatIf, EntryWhatIf, RuleWhatIf } from '../impact/SegmentWhatIf';
import { GatewayWhatIf, TransitGatewayWhatIf } from '../impact/TransitGatewayWhatIf';
import { WorkloadWhatIf } from '../impact/WorkloadWhatIf';
import { OwnerSwatch } from './Legend';
import { ReachabilityBox } from './ReachabilityBox';

/** Details of the selected object: what it is, its tags, its rules with their reasons; and the reachability box. */
export function Inspector({
  state,
  index,
  owners,
}: {
  state: ViewState;
  index: ViewIndex;
  owners: ReadonlyMap<string, string>;
}) {
  const key = state.selection ?? state.focus?.keys[0] ?? null;
  return (
    <section className="inspector" aria-labelledby="inspector-heading">
      <header className="panel-header">
        <h2 id="inspector-heading">Inspector</h2>
      </header>
      <div className="inspector-body" data-testid="inspector">
        {key ? (
          <>
            <Details objectKey={key} index={index} owners={owners} />
            <FindingsAbout objectKey={key} index={index} />
          </>
        ) : (
          <p className="muted">Select something in either view, or choose a finding.</p>
        )}
      </div>
      <ReachabilityBox state={state} />
    </section>
  );
}

function Details({
  objectKey,
  index,
  owners,
}: {
  objectKey: string;
  index: ViewIndex;
  owners: ReadonlyMap<string, string>;
}) {
  const { edits } = useImpactState();
  const parsed = parseKey(objectKey);
  if (!parsed) return null;
  const { kind, id } = parsed;
  const { topology } = index.data;
  const owner = (name: string | null | undefined) =>
    name ? (
      <span className="owner">
        <OwnerSwatch colour={owners.get(name) ?? 'currentColor'} /> {name}
      </span>
    ) : (
      <span className="muted">untagged</span>
    );
  switch (kind) {
    case 'app': {
      const app = index.apps.get(id);
      if (!app) return <Missing id={id} />;
      return (
        <Card title={app.name} kind="Application">
          <Facts rows={[['Owners', app.owners.map((o) => <span key={o}>{owner(o)} </span>)]]} />
          <LinkList title="Services" keys={app.services.map((s) => keyOf('service', s.name))} />
          <Dependencies index={index} services={app.services.map((s) => s.name)} />
        </Card>
      );
    }
    case 'service': {
      const service = index.services.get(id);
      if (!service)
        return (
          <Card title={id} kind="External dependency">
            <p className="muted">Held by no app in this snapshot.</p>
          </Card>
        );
      return (
        <Card title={service.name} kind={`Service of ${service.app}`}>
          <Facts
            rows={[
              ['Owners', service.owners.map((o) => <span key={o}>{owner(o)} </span>)],
              ['From', service.origins.join(', ')],
              // A service outside the estate: its dependencies are checked as flows to these addresses.
              ...(service.addresses?.length
                ? ([['Internet address', <code key="address">{service.addresses.join(', ')}</code>]] as const)
                : []),
            ]}
          />
          <LinkList title="Workloads" keys={service.workloadIds.map((w) => keyOf('workload', w))} />
          <Dependencies index={index} services={[service.name]} />
          <OutsideClients index={index} service={service.name} />
        </Card>
      );
    }
    case 'workload': {
      const workload = index.workloads.get(id);
      if (!workload) return <Missing id={id} />;
      return (
        <Card title={workload.name ?? workload.id} kind={`Workload (${workload.kind})`}>
          <Facts
            rows={[
              [workload.kind === 'pod' ? 'Pod' : 'ENI', <code key="id">{workload.id}</code>],
              ['Private IP', workload.privateIp ?? '—'],
              ['Public IP', workload.publicIp ?? '—'],
              ['Service', workload.service ? `${workload.service} (${workload.app})` : 'unassigned'],
            ]}
          />
          <LinkList
            title="Lives in"
            keys={[
              keyOf('vpc', workload.vpcId),
              keyOf('subnet', workload.subnetId),
              ...workload.groupIds.map((g) => keyOf('segment', g)),
            ]}
          />
          {workloadWhatIf(workload, index)}
          <Tags tags={workload.tags} title={workload.kind === 'pod' ? 'Labels' : 'Tags'} />
        </Card>
      );
    }
    case 'segment': {
      const segment = index.segments.get(id);
      if (!segment) return <Missing id={id} />;
      const apps = [
        ...new Set((index.members.get(id) ?? []).flatMap((w) => index.workloads.get(w)?.app ?? [])),
      ].sort();
      const cluster = clusterSegment(segment.groupId);
      return (
        <Card title={segment.name} kind={segmentKind(cluster)}>
          <Facts
            rows={[
              ['Id', <code key="id">{segment.groupId}</code>],
              ['Owner', owner(segment.owner)],
              ['Members', String(index.members.get(id)?.length ?? 0)],
              ['Description', segment.description || '—'],
            ]}
          />
          <LinkList title="Apps inside" keys={apps.map((a) => keyOf('app', a))} />
          {cluster ? (
            <>
              {segment.rules.length > 0 && <Rules title="Rules" rules={segment.rules} />}
              {clusterWhatIf(segment, cluster, index)}
            </>
          ) : (
            <>
              <Rules
                title="Rules"
                rules={[...segment.rules, ...addedRules(edits, segment.groupId)]}
                actions={(rule) => <RuleWhatIf rule={rule} />}
              />
              <AddRuleWhatIf groupId={segment.groupId} />
              {topology.prefixLists
                .filter((list) => list.namedBy.includes(segment.groupId))
                .map((list) => (
                  <PrefixListWhatIf key={list.id} list={list} />
                ))}
            </>
          )}
          <Tags tags={segment.tags} title={cluster ? 'Labels' : 'Tags'} />
        </Card>
      );
    }
    case 'subnet': {
      const subnet = topology.subnets.find((s) => s.id === id);
      if (!subnet) return <Missing id={id} />;
      // A subnet associated with no table is routed by its VPC's main one.
      const routeTable =
        topology.routeTables.find((t) => t.subnetIds.includes(id)) ??
        topology.routeTables.find((t) => t.isMain && t.vpcId === subnet.vpcId);
      return (
        <Card title={subnet.name ?? subnet.id} kind="Subnet">
          <Facts
            rows={[
              ['Id', <code key="id">{subnet.id}</code>],
              ['CIDR', subnet.cidrBlock ?? 'none (IPv6 only)'],
              ['Zone', subnet.availabilityZone ?? '—'],
              ['Workloads', String(index.subnetWorkloads.get(id)?.length ?? 0)],
            ]}
          />
          <LinkList
            title="Network ACL"
            keys={subnet.networkAclId ? [keyOf('acl', subnet.networkAclId)] : []}
          />
          {routeTable && (
            <>
              <RouteTableWhatIf table={routeTable} />
              <SubnetRouteTableWhatIf
                subnetId={subnet.id}
                tables={topology.routeTables.filter((t) => t.vpcId === subnet.vpcId)}
                associated={routeTable.subnetIds.includes(subnet.id) ? routeTable.id : null}
              />
            </>
          )}
        </Card>
      );
    }
    case 'vpc': {
      const vpc = topology.vpcs.find((v) => v.id === id);
      if (!vpc) return <Missing id={id} />;
      return (
        <Card title={vpc.name ?? vpc.id} kind="VPC">
          <Facts
            rows={[
              ['Id', <code key="id">{vpc.id}</code>],
              ['CIDR', vpc.cidrBlocks.join(', ')],
            ]}
          />
          <LinkList
            title="Subnets"
            keys={topology.subnets.filter((s) => s.vpcId === id).map((s) => keyOf('subnet', s.id))}
          />
          <LinkList
            title="Peered VPCs (active peerings)"
            keys={topology.peerings.flatMap(({ vpcIds: [a, b] }) =>
              a === id ? [keyOf('vpc', b)] : b === id ? [keyOf('vpc', a)] : [],
            )}
          />
          <LinkList
            title="Peering connections"
            keys={topology.peerings.filter((p) => p.vpcIds.includes(id)).map((p) => keyOf('pcx', p.id))}
          />
          <LinkList
            title="Attached to transit gateways"
            keys={topology.transitGateways
              .filter((gateway) => gateway.attachments.some((a) => a.vpcId === id))
              .map((gateway) => keyOf('tgw', gateway.id))}
          />
          <TransitGatewayWhatIf
            gateways={topology.transitGateways}
            tables={topology.transitGatewayRouteTables}
            vpcId={id}
          />
        </Card>
      );
    }
    case 'tgw': {
      const gateway = topology.transitGateways.find((one) => one.id === id);
      if (!gateway) return <Missing id={id} />;
      return (
        <Card title={gateway.name ?? gateway.id} kind="Transit gateway">
          <Facts
            rows={[
              ['Id', <code key="id">{gateway.id}</code>],
              ['Owner', owner(gateway.owner)],
              ['Attachments', gateway.attachments.map((a) => a.id).join(', ')],
            ]}
          />
          <LinkList
            title="Attached VPCs"
            keys={[...new Set(gateway.attachments.map((a) => keyOf('vpc', a.vpcId)))]}
          />
          <GatewayWhatIf gateway={gateway} tables={topology.transitGatewayRouteTables} />
        </Card>
      );
    }
    case 'pcx': {
      const peering = topology.peerings.find((one) => one.id === id);
      if (!peering) return <Missing id={id} />;
      return (
        <Card title={peering.id} kind="VPC peering connection (active)">
          <LinkList title="Joins" keys={peering.vpcIds.map((vpcId) => keyOf('vpc', vpcId))} />
          <p className="muted">
            Private addresses cross it where the route tables of both VPCs send the other's range to it.
          </p>
        </Card>
      );
    }
    case 'acl': {
      const acl = topology.networkAcls.find((a) => a.id === id);
      if (!acl) return <Missing id={id} />;
      return (
        <Card title={acl.name ?? acl.id} kind={acl.isDefault ? 'Network ACL (default)' : 'Network ACL'}>
          <LinkList title="Subnets" keys={acl.subnetIds.map((s) => keyOf('subnet', s))} />
          <Rules
            title="Entries, in the order AWS evaluates them"
            rules={inEvaluationOrder([...acl.entries, ...addedEntries(edits, acl.id)])}
            actions={(entry) => <EntryWhatIf entry={entry} />}
          />
          <AddEntryWhatIf aclId={acl.id} />
        </Card>
      );
    }
  }
}

function segmentKind(cluster: ClusterSegment | null): string {
  if (cluster?.kind === 'policy') return `NetworkPolicy in ${cluster.namespace}`;
  if (cluster?.kind === 'namespace') return 'Kubernetes namespace';
  return 'Security group';
}

/** Policies are edited whole and namespaces get new ones: Kubernetes has no rule of its own to edit. */
function clusterWhatIf(segment: TopologySegment, cluster: ClusterSegment, index: ViewIndex): ReactNode {
  if (cluster.kind === 'policy') {
    return <PolicyWhatIf segment={segment} namespace={cluster.namespace} name={cluster.name} />;
  }
  const policies = [...index.segments.keys()].flatMap((id) => {
    const other = clusterSegment(id);
    return other?.kind === 'policy' && other.namespace === cluster.namespace ? [other.name] : [];
  });
  return <NamespaceWhatIf namespace={cluster.namespace} policies={policies} />;
}

/** A pod's labels decide which policies apply to it; an ENI has groups and a subnet. */
function workloadWhatIf(workload: TopologyWorkload, index: ViewIndex): ReactNode {
  const namespace = clusterSegment(workload.subnetId);
  return workload.kind === 'pod' && namespace ? (
    <PodLabelsWhatIf workload={workload} namespace={namespace.namespace} />
  ) : (
    <WorkloadWhatIf workload={workload} index={index} />
  );
}

/** The findings that name the object: the explanation of why its rules or its place matter. */
function FindingsAbout({ objectKey, index }: { objectKey: string; index: ViewIndex }) {
  const store = useViewStore();
  const about = index.data.findings.findings.filter((f) =>
    f.objects.some((o) => keyOfFindingObject(o) === objectKey),
  );
  if (about.length === 0) return null;
  return (
    <div className="link-list">
      <h4>Findings</h4>
      <ul className="dependency-list">
        {about.map((finding) => (
          <li key={finding.id}>
            <button
              type="button"
              className="btn-link finding-link"
              onClick={() => store.chooseFinding(finding)}
            >
              {finding.title}
            </button>
            <p className="muted">{finding.explanation}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Card({ title, kind, children }: { title: string; kind: string; children: ReactNode }) {
  return (
    <article className="inspector-card">
      <p className="inspector-kind">{kind}</p>
      <h3>{title}</h3>
      {children}
    </article>
  );
}

function Missing({ id }: { id: string }) {
  return <p className="muted">{id} is not in this snapshot.</p>;
}

function Facts({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Other objects, as buttons that select them: the inspector is also a way to walk the estate by keyboard. */
function LinkList({ title, keys }: { title: string; keys: readonly string[] }) {
  const store = useViewStore();
  if (keys.length === 0) return null;
  return (
    <div className="link-list">
      <h4>{title}</h4>
      <ul>
        {keys.map((key) => (
          <li key={key}>
            <button type="button" className="chip" onClick={() => store.select(key)}>
              {parseKey(key)?.id ?? key}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Dependencies({ index, services }: { index: ViewIndex; services: readonly string[] }) {
  const names = new Set(services);
  const dependencies = index.data.topology.dependencies.filter((d) => names.has(d.from) || names.has(d.to));
  if (dependencies.length === 0) return null;
  return (
    <div className="link-list">
      <h4>Dependencies</h4>
      <ul className="dependency-list">
        {dependencies.map((d) => (
          <li key={`${d.from}->${d.to}:${d.protocol}/${d.port}`}>
            <span className={`verdict verdict-${d.verdict}`}>{d.verdict}</span> {d.from} → {d.to}{' '}
            <span className="muted">
              {d.protocol ?? 'any'}/{d.port ?? '*'} · {d.source}
              {d.verdict === 'blocked' ? ` · ${d.deniedPairs} of ${d.pairs} flows denied` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Shown before this many more are counted: the list is for a glance, the impact checks all kept. */
const outsideClientsShown = 10;

/** Clients outside every service the flow logs saw reach it: what no dependency says it serves. */
function OutsideClients({ index, service }: { index: ViewIndex; service: string }) {
  const flows = index.data.applications.outsideFlows.filter((flow) => flow.service === service);
  if (flows.length === 0) return null;
  const more = flows.length - outsideClientsShown;
  return (
    <div className="link-list" data-testid="outside-clients">
      <h4>Clients from outside (flow logs)</h4>
      <ul className="dependency-list">
        {flows.slice(0, outsideClientsShown).map((flow) => (
          <li key={`${flow.client}>${flow.server}:${flow.protocol}/${flow.port}`}>
            {flow.client} → {flow.server}{' '}
            <span className="muted">
              {protocolPort(flow.protocol, flow.port)} · {flow.records} records
            </span>
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">and {more} more, the busiest first</p>}
    </div>
  );
}

type RuleLine = { key: string; text: string; description: string | null };

/**
 * A group's rules or an ACL's entries, each with its what-if buttons; those pending edits add are
 * marked _added_ with Undo, among the others.
 */
function Rules({
  title,
  rules,
  actions,
}: {
  title: string;
  rules: readonly (RuleLine | AddedLine)[];
  /** What-if buttons for one rule. */
  actions?: (rule: RuleLine) => ReactNode;
}) {
  return (
    <div className="link-list">
      <h4>{title}</h4>
      <ul className="rule-list">
        {rules.map((rule) =>
          'id' in rule ? (
            <li key={`added ${rule.id}`}>
              <code>{rule.text}</code>
              <span className="line-whatif">
                <PendingEdit kind="add" editId={rule.id} label={`Undo adding ${rule.text}`} />
              </span>
            </li>
          ) : (
            <li key={rule.key}>
              <code>{rule.text}</code>
              {rule.description && <span className="muted"> — {rule.description}</span>}
              {actions?.(rule)}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/** AWS tags, or Kubernetes labels: the same key-value facts under the name each platform uses. */
function Tags({ tags, title }: { tags: Readonly<Record<string, string>>; title: 'Tags' | 'Labels' }) {
  const entries = Object.entries(tags);
  if (entries.length === 0) return null;
  return (
    <div className="link-list">
      <h4>{title}</h4>
      <Facts rows={entries.map(([k, v]) => [k, v])} />
    </div>
  );
}
