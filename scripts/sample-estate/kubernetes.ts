/**
 * Northwind's mobile backend on Kubernetes: `kubectl get namespaces,pods,services,deployments,
 * statefulsets,replicasets,networkpolicies -A -o json` as kubectl prints it (a v1 List), and a plain
 * dependencies file for its services. Four deliberate problems, listed in the README section below.
 */
type Json = Record<string, unknown>;

const created = '2026-11-02T08:14:09Z';
const labelsOf = (app: string, service: string, team: string) => ({
  'app.kubernetes.io/name': service,
  'app.kubernetes.io/part-of': app,
  team,
});

const namespaces = [
  { name: 'mobile', team: 'mobile' },
  { name: 'mobile-data', team: 'data' },
  { name: 'observability', team: 'platform' },
];

interface Workload {
  readonly namespace: string;
  readonly controller: 'Deployment' | 'StatefulSet';
  readonly name: string;
  readonly app: string;
  readonly team: string;
  readonly ports: readonly { name: string; containerPort: number }[];
  readonly pods: readonly { suffix: string; ip: string; node: string }[];
}

const workloads: readonly Workload[] = [
  {
    namespace: 'mobile',
    controller: 'Deployment',
    name: 'mobile-bff',
    app: 'mobile',
    team: 'mobile',
    ports: [{ name: 'http', containerPort: 8080 }],
    pods: [
      { suffix: '7c9f6d5b8-2xkqp', ip: '10.40.1.12', node: 'ip-10-20-16-201.eu-west-1.compute.internal' },
      { suffix: '7c9f6d5b8-m4w7z', ip: '10.40.2.31', node: 'ip-10-20-32-202.eu-west-1.compute.internal' },
    ],
  },
  {
    namespace: 'mobile',
    controller: 'Deployment',
    name: 'push-worker',
    app: 'mobile',
    team: 'mobile',
    ports: [{ name: 'metrics', containerPort: 9102 }],
    pods: [
      { suffix: '5d8b7c6f4-q8rtn', ip: '10.40.1.40', node: 'ip-10-20-16-201.eu-west-1.compute.internal' },
    ],
  },
  {
    namespace: 'mobile-data',
    controller: 'StatefulSet',
    name: 'session-cache',
    app: 'mobile',
    team: 'mobile',
    ports: [
      { name: 'redis', containerPort: 6379 },
      { name: 'metrics', containerPort: 9121 },
    ],
    pods: [{ suffix: '0', ip: '10.40.3.7', node: 'ip-10-20-48-203.eu-west-1.compute.internal' }],
  },
  {
    namespace: 'observability',
    controller: 'Deployment',
    name: 'otel-collector',
    app: 'observability',
    team: 'platform',
    ports: [{ name: 'otlp', containerPort: 4317 }],
    pods: [
      { suffix: '6f7d8c9b5-vz2lk', ip: '10.40.2.88', node: 'ip-10-20-32-202.eu-west-1.compute.internal' },
    ],
  },
];

const metadata = (namespace: string | null, name: string, labels: Json, uid: number): Json => ({
  creationTimestamp: created,
  labels,
  name,
  ...(namespace ? { namespace } : {}),
  resourceVersion: String(40_000 + uid),
  uid: `7f3c2a10-0000-4000-8000-${String(uid).padStart(12, '0')}`,
});

function podTemplate(workload: Workload): Json {
  return {
    metadata: { labels: labelsOf(workload.app, workload.name, workload.team) },
    spec: {
      containers: [
        {
          image: `registry.northwind.example/${workload.name}:2.3.1`,
          name: workload.name,
          ports: workload.ports.map((port) => ({ ...port, protocol: 'TCP' })),
        },
      ],
    },
  };
}

function objects(): Json[] {
  let uid = 1;
  const items: Json[] = namespaces.map(({ name, team }) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: metadata(null, name, { 'kubernetes.io/metadata.name': name, team }, uid++),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
  for (const workload of workloads) {
    const labels = labelsOf(workload.app, workload.name, workload.team);
    const selector = { matchLabels: { 'app.kubernetes.io/name': workload.name } };
    items.push({
      apiVersion: 'apps/v1',
      kind: workload.controller,
      metadata: metadata(workload.namespace, workload.name, labels, uid++),
      spec: {
        replicas: workload.pods.length,
        selector,
        ...(workload.controller === 'StatefulSet' ? { serviceName: workload.name } : {}),
        template: podTemplate(workload),
      },
    });
    for (const pod of workload.pods) {
      const template = podTemplate(workload);
      items.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: metadata(workload.namespace, `${workload.name}-${pod.suffix}`, labels, uid++),
        spec: { ...(template.spec as Json), nodeName: pod.node },
        status: { phase: 'Running', podIP: pod.ip, podIPs: [{ ip: pod.ip }] },
      });
    }
    // The mobile apps reach the BFF through an internet-facing load balancer on 443.
    const published = workload.name === 'mobile-bff';
    items.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(workload.namespace, workload.name, labels, uid++),
      spec: {
        clusterIP: `172.20.${uid}.10`,
        clusterIPs: [`172.20.${uid}.10`],
        ...(published ? { externalTrafficPolicy: 'Local' } : {}),
        ports: workload.ports.map((port) => ({
          name: port.name,
          ...(published ? { nodePort: 31443 } : {}),
          port: published ? 443 : port.containerPort,
          protocol: 'TCP',
          targetPort: port.name,
        })),
        selector: { 'app.kubernetes.io/name': workload.name },
        type: published ? 'LoadBalancer' : 'ClusterIP',
      },
      ...(published
        ? {
            status: {
              loadBalancer: { ingress: [{ hostname: 'a1b2c3d4e5f6-mobile.elb.eu-west-1.amazonaws.com' }] },
            },
          }
        : {}),
    });
  }
  items.push(
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('mobile-data', 'default-deny-ingress', {}, uid++),
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('mobile-data', 'session-cache-clients', { team: 'data' }, uid++),
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'session-cache' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'mobile' } },
                podSelector: { matchLabels: { 'app.kubernetes.io/name': 'mobile-bff' } },
              },
            ],
            ports: [{ port: 'redis', protocol: 'TCP' }],
          },
          {
            from: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } },
            ],
            ports: [{ port: 9121, protocol: 'TCP' }],
          },
        ],
      },
    },
  );
  return items;
}

export function renderKubernetes(): string {
  return `${JSON.stringify({ apiVersion: 'v1', items: objects(), kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`;
}

/** The mobile team's own list of what calls what: they have no Backstage entries. */
export function renderMobileDependencies(): string {
  return [
    'dependencies:',
    '  - { service: mobile-bff, depends_on: session-cache, protocol: tcp, port: 6379, owner: mobile }',
    '  - { service: push-worker, depends_on: session-cache, protocol: tcp, port: 6379, owner: mobile }',
    '  - { service: push-worker, depends_on: mobile-bff, protocol: tcp, port: 8080, owner: mobile }',
    '',
  ].join('\n');
}

export function kubernetesReadme(): string[] {
  return [
    '## Kubernetes: the mobile backend',
    '',
    '`kubernetes/kubectl-get-all.json` is `kubectl get namespaces,pods,services,deployments,statefulsets,replicasets,networkpolicies -A -o json`',
    'of the cluster the mobile backend runs on (pods 10.40.0.0/16); `kubernetes/mobile-dependencies.yaml` is the mobile',
    "team's dependencies file (they have no catalog entries). Pods carry `app.kubernetes.io/part-of` (the app),",
    '`app.kubernetes.io/name` (the service) and `team`.',
    '',
    '| namespace | team | workloads |',
    '| --- | --- | --- |',
    ...namespaces.map(
      ({ name, team }) =>
        `| ${name} | ${team} | ${workloads
          .filter((w) => w.namespace === name)
          .map((w) => `${w.controller} ${w.name} (${w.pods.length} ${w.pods.length === 1 ? 'pod' : 'pods'})`)
          .join(', ')} |`,
    ),
    '',
    "The `mobile/mobile-bff` Service is a LoadBalancer on 443 (to the pods' http port 8080, traffic policy Local): the mobile",
    'apps call it over the internet, an intended exposure (low).',
    '',
    'NetworkPolicies: `mobile-data/default-deny-ingress` (podSelector {}) and `mobile-data/session-cache-clients`',
    '(session-cache admits redis from mobile-bff pods in namespace mobile, rule 0, and 9121 from namespace observability, rule 1).',
    '',
    '### Deliberate problems (Kubernetes)',
    '',
    '- Blocked dependency: push-worker -> session-cache tcp/6379 is declared, but only mobile-bff pods are admitted:',
    '  `mobile-data/default-deny-ingress` and `mobile-data/session-cache-clients` select session-cache-0 and none allows push-worker.',
    '- Open namespaces: no ingress policy selects the pods of `mobile` or `observability`, so every pod of the cluster may',
    '  connect to them on every port (observability -> mobile and mobile -> observability have no dependency).',
    '- Unused rule: `mobile-data/session-cache-clients` ingress rule 1 (9121 from observability): nothing scrapes the exporter.',
    '- Owner mismatch: namespace `mobile-data` is labelled team data, but its only pods (session-cache) belong to the mobile',
    "  app of team mobile: the data team approves NetworkPolicy changes to the mobile team's cache.",
    '',
  ];
}
