import { describe, expect, it } from 'vitest';
import { namespaceNameLabel } from '../../../main/core/domain/kubernetes';
import { classifyKubernetesFile, PodFlows, readKubernetesFiles } from '../../../main/core/kubernetes';
import { backendsOf, targetPortOn } from '../../../main/core/kubernetes/serviceBackends';
import { fixture, textFile } from './files';

const encode = (text: string) => new TextEncoder().encode(text);

describe('kubectl get ... -A -o json (a List)', () => {
  const { estate, records } = readKubernetesFiles([fixture('cluster.json')]);

  it('reads every object of the kinds it models and counts them for the file', () => {
    expect(records.get('cluster.json')).toBe(19);
    expect(
      [estate.namespaces, estate.pods, estate.services, estate.controllers, estate.networkPolicies].map(
        (list) => list.length,
      ),
    ).toEqual([4, 7, 3, 5, 0]);
  });

  it('keeps pods as kubectl listed them: IPs, container ports, the object and its JSON path', () => {
    const api = estate.pods.find((p) => p.name === 'api-5f6d7c8b9-k8s7q');
    expect(api).toMatchObject({
      namespace: 'shop',
      ips: ['10.244.1.11'],
      hostNetwork: false,
      nodeName: 'node-a',
      hostIps: ['10.0.1.15'],
      phase: 'Running',
      // The fixture's pods carry no conditions: whether they are Ready is not said.
      ready: null,
      templateOf: null,
      source: { file: 'cluster.json', path: '$.items[6]' },
    });
    expect(api?.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
      { name: 'callbacks', port: 32000, protocol: 'TCP' },
    ]);
    expect(api?.raw).toMatchObject({ kind: 'Pod' });
  });

  it('counts the named ports of sidecars (init containers that restart Always), not of init containers that run once', () => {
    const manifest = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: cockroachdb-2, namespace: db, labels: {app: cockroachdb}}',
      'spec:',
      '  initContainers:',
      '  - name: migrate',
      '    image: registry.example.com/db/migrate:3.1',
      '    ports: [{name: admin, containerPort: 7000}]',
      '  - name: vault-agent',
      '    image: hashicorp/vault:1.17',
      '    restartPolicy: Always',
      '    ports: [{name: metrics, containerPort: 8099}]',
      '  containers:',
      '  - name: cockroachdb',
      '    image: cockroachdb/cockroach:v24.1.2',
      '    ports: [{name: sql, containerPort: 26257}]',
      'status: {podIP: 10.244.3.12}',
    ].join('\n');
    const [pod] = readKubernetesFiles([textFile('pod.yaml', manifest)]).estate.pods;
    expect(pod?.ports).toEqual([
      { name: 'sql', port: 26257, protocol: 'TCP' },
      { name: 'metrics', port: 8099, protocol: 'TCP' },
    ]);
  });

  it('does not stand templates in for pods when pods are listed', () => {
    expect(estate.pods.every((pod) => pod.templateOf === null)).toBe(true);
  });

  it('reads Services with selector, ports and cluster IPs; ReplicaSets with their owner', () => {
    const storefront = estate.services.find((s) => s.name === 'storefront');
    expect(storefront).toMatchObject({
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
      clusterIps: ['10.96.12.40'],
    });
    expect(estate.controllers.find((c) => c.kind === 'ReplicaSet')?.ownedBy).toBe('Deployment/web');
  });
});

describe('manifests and Helm output', () => {
  const { estate, records } = readKubernetesFiles([fixture('helm/rendered.yaml')]);

  it('reads the kinds it models, skipping others (ServiceAccount, Secret) and empty documents', () => {
    expect(records.get('helm/rendered.yaml')).toBe(4);
    expect(JSON.stringify(estate)).not.toContain('c2VjcmV0');
  });

  it('puts objects without a namespace in default, and names that namespace with only its name label', () => {
    expect(estate.services[0]?.namespace).toBe('default');
    expect(estate.namespaces).toMatchObject([
      { name: 'default', labels: { [namespaceNameLabel]: 'default' }, declared: false },
    ]);
  });

  it('stands each controller template in for its pods, with the template labels and ports', () => {
    expect(estate.pods.map((p) => [p.name, p.templateOf, p.ips])).toEqual([
      ['checkout', { kind: 'Deployment', name: 'checkout' }, []],
      ['checkout-redis', { kind: 'StatefulSet', name: 'checkout-redis' }, []],
    ]);
    expect(estate.pods[0]?.labels).toMatchObject({ 'app.kubernetes.io/name': 'checkout', team: 'payments' });
    expect(estate.pods[0]?.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: null, port: 9102, protocol: 'TCP' },
    ]);
    expect(estate.pods[0]?.source).toEqual({ file: 'helm/rendered.yaml', path: 'doc 4 $' });
  });

  it('does not stand in a ReplicaSet a Deployment of the import owns', () => {
    const replicaSet = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: checkout-6d9f
  ownerReferences:
  - {apiVersion: apps/v1, kind: Deployment, name: checkout, controller: true, uid: u1}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: checkout}}
  template:
    metadata: {labels: {app.kubernetes.io/name: checkout}}
    spec: {containers: []}
`;
    const read = readKubernetesFiles([fixture('helm/rendered.yaml'), textFile('rs.yaml', replicaSet)]);
    expect(read.estate.controllers).toHaveLength(3);
    expect(read.estate.pods.map((p) => p.name)).toEqual(['checkout', 'checkout-redis']);
  });

  it("leaves out a Helm hook pod (helm create's test pod), which would hide the Deployment it labels like", () => {
    // templates/tests/test-connection.yaml as helm create scaffolds it, rendered.
    const testPod = `# Source: checkout/templates/tests/test-connection.yaml
apiVersion: v1
kind: Pod
metadata:
  name: "checkout-test-connection"
  labels:
    app.kubernetes.io/name: checkout
    app.kubernetes.io/instance: checkout
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['checkout:80']
  restartPolicy: Never
`;
    const read = readKubernetesFiles([fixture('helm/rendered.yaml'), textFile('test.yaml', testPod)]);
    expect(read.estate.pods.map((p) => [p.name, p.templateOf?.kind])).toEqual([
      ['checkout', 'Deployment'],
      ['checkout-redis', 'StatefulSet'],
    ]);
    expect([read.records.get('test.yaml'), read.passedOver.get('test.yaml')]).toEqual([
      0,
      new Map([['Pod (Helm hook)', 1]]),
    ]);
  });

  it('decides per controller: one whose pods the import lists is not stood in for, another is', () => {
    const cluster = readKubernetesFiles([fixture('cluster.json'), fixture('helm/rendered.yaml')]).estate;
    expect(cluster.pods.filter((p) => p.templateOf !== null).map((p) => `${p.namespace}/${p.name}`)).toEqual([
      'default/checkout',
      'default/checkout-redis',
    ]);
    expect(cluster.pods.filter((p) => p.templateOf === null)).toHaveLength(7);
  });

  it('does not stand in a controller scaled to zero: it runs no pod', () => {
    const scaled = new TextDecoder()
      .decode(fixture('helm/rendered.yaml').data)
      .replace(/^(kind: StatefulSet[\s\S]*?\nspec:\n)/m, '$1  replicas: 0\n');
    expect(scaled).toContain('replicas: 0');
    const estate = readKubernetesFiles([textFile('rendered.yaml', scaled)]).estate;
    expect(estate.pods.map((p) => p.name)).toEqual(['checkout']);
    expect(() =>
      new PodFlows(estate).check('default/checkout', 'default/checkout-redis', {
        protocol: 'tcp',
        port: 6379,
      }),
    ).toThrow(
      'StatefulSet default/checkout-redis (default/checkout-redis) has no pod in this snapshot: it is scaled to zero',
    );
  });

  it('gives every declared namespace its kubernetes.io/metadata.name label, overriding a wrong one', () => {
    const namespace = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: shop\n    ${namespaceNameLabel}: other\n`;
    const read = readKubernetesFiles([textFile('ns.yaml', namespace)]);
    expect(read.estate.namespaces[0]?.labels).toEqual({ team: 'shop', [namespaceNameLabel]: 'shop' });
    expect(read.estate.namespaces[0]?.declared).toBe(true);
  });

  it('does not keep pods that ran to completion: they take no traffic and their IP may be reused', () => {
    const pod = (name: string, phase: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec: {containers: []}\nstatus: {phase: ${phase}, podIP: 10.1.0.9}\n---\n`;
    const read = readKubernetesFiles([
      textFile('pods.yaml', pod('done', 'Succeeded') + pod('crashed', 'Failed') + pod('live', 'Running')),
    ]);
    expect(read.estate.pods.map((p) => p.name)).toEqual(['live']);
    expect(read.records.get('pods.yaml')).toBe(1);
  });

  it('reads clusterIP "" (the API accepts it; charts render it from an unset value) as no address yet', () => {
    const service = (clusterIp: string) =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  clusterIP: ${clusterIp}\n  clusterIPs: [${clusterIp}]\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n`;
    const read = (clusterIp: string) =>
      readKubernetesFiles([textFile('svc.yaml', service(clusterIp))]).estate.services[0]?.clusterIps;
    expect(read('""')).toEqual([]);
    expect(read('None')).toEqual([]);
    expect(read('10.96.0.10')).toEqual(['10.96.0.10']);
  });

  it('passes over same-named kinds of other API groups (a Knative Service)', () => {
    const knative =
      'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: hello\nspec:\n  template: {}\n';
    expect(readKubernetesFiles([textFile('kn.yaml', knative)]).records.get('kn.yaml')).toBe(0);
  });

  it('reads a List written as YAML (kubectl get -o yaml)', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: one, namespace: a}
  spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}
  status: {podIPs: [{ip: 10.1.0.1}, {ip: "fd00::1"}]}
`;
    const read = readKubernetesFiles([textFile('list.yaml', list)]);
    expect(read.estate.pods[0]).toMatchObject({
      ips: ['10.1.0.1', 'fd00::1'],
      ports: [{ name: null, port: 80, protocol: 'TCP' }],
    });
  });
});

describe('classifyKubernetesFile', () => {
  it('tells kubectl JSON and manifests from their content, whatever the name', () => {
    expect(classifyKubernetesFile({ name: 'x.txt', data: fixture('cluster.json').data })).toBe(
      'kubernetes-json',
    );
    expect(classifyKubernetesFile({ name: 'x.json', data: fixture('helm/rendered.yaml').data })).toBe(
      'kubernetes-manifests',
    );
  });

  it('leaves Backstage catalogs, AWS exports and other YAML or JSON alone', () => {
    const catalog = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n';
    expect(classifyKubernetesFile({ name: 'c.yaml', data: encode(catalog) })).toBeNull();
    expect(classifyKubernetesFile({ name: 'v.json', data: encode('{"Vpcs": []}') })).toBeNull();
    expect(classifyKubernetesFile({ name: 'd.yaml', data: encode('dependencies:\n- a\n') })).toBeNull();
    expect(
      classifyKubernetesFile({ name: 'o.json', data: encode('{"apiVersion": 1, "kind": "x"}') }),
    ).toBeNull();
  });
});

describe('a large kubectl get -o yaml List', () => {
  // kubectl sorts a List's keys: `kind: List` comes after every item, far past the sniffed head.
  const pod = (n: number) => `- apiVersion: v1
  kind: Pod
  metadata:
    annotations:
      note: ${'x'.repeat(400)}
    name: web-${n}
    namespace: shop
  spec:
    containers:
    - name: web
      ports:
      - containerPort: 8080
  status:
    podIP: 10.1.${Math.floor(n / 250)}.${(n % 250) + 1}
`;
  const list = `apiVersion: v1\nitems:\n${Array.from({ length: 300 }, (_, n) => pod(n)).join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;

  it('is recognised without a kind: in its first 64 KiB, and read whole', () => {
    expect(list.length).toBeGreaterThan(128 * 1024);
    expect(list.slice(0, 64 * 1024)).not.toMatch(/^kind:/m);
    expect(readKubernetesFiles([textFile('pods.yaml', list)]).estate.pods).toHaveLength(300);
  });

  it('other YAML with a top-level items: but no apiVersion: is not taken', () => {
    expect(classifyKubernetesFile({ name: 'i.yaml', data: encode('items:\n- a\n') })).toBeNull();
  });
});

describe('Service ports', () => {
  const { estate } = readKubernetesFiles([fixture('cluster.json')]);
  const storefront = estate.services.find((s) => s.name === 'storefront');
  const web = estate.pods.find((p) => p.name === 'web-7d4b9c6f5-x2x9k');

  it('a Service reaches the pods of its namespace its selector matches', () => {
    expect(storefront && backendsOf(storefront, estate.pods).map((p) => p.name)).toEqual([
      'web-7d4b9c6f5-x2x9k',
      'web-7d4b9c6f5-q9w2e',
    ]);
    expect(storefront && backendsOf({ ...storefront, selector: {} }, estate.pods)).toEqual([]);
  });

  it('resolves a named targetPort on the pod, by name and protocol; defaults to the Service port', () => {
    if (web === undefined) throw new Error('fixture pod missing');
    const port = { name: 'http', port: 80, protocol: 'TCP' as const };
    expect(targetPortOn({ ...port, targetPort: 'http' }, web)).toBe(8080);
    expect(targetPortOn({ ...port, protocol: 'UDP', targetPort: 'http' }, web)).toBeNull();
    expect(targetPortOn({ ...port, targetPort: 'grpc' }, web)).toBeNull();
    expect(targetPortOn({ ...port, targetPort: 8081 }, web)).toBe(8081);
    expect(targetPortOn({ ...port, targetPort: null }, web)).toBe(80);
  });
});
