import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../main/core/domain/errors';
import { readKubernetesFiles } from '../../../main/core/kubernetes';
import { createService } from '../../../main/service/createService';
import { migrations, schemaVersion } from '../../../main/store/migrations';
import { Workspace } from '../../../main/store/workspace';
import { sampleDir } from '../helpers/sampleCounts';
import { dumpDatabase, tempDbFile } from '../helpers/tempWorkspace';
import { buildZip } from '../input/zipBuilder';
import { fixture } from './files';

const fixtures = new URL('../../fixtures/kubernetes/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures));
const dnsPolicies = 'recipes/allow-dns-egress/policies.yaml';

describe('importing Kubernetes objects through the service', () => {
  it('detects kubectl JSON and manifests by content, in a zip, and stores them with the snapshot', async () => {
    const { service, workspace, close } = await createService({ dbFile: tempDbFile() });
    try {
      // Names that say nothing true: the content decides.
      const zip = buildZip([
        { name: 'export/vpcs.json', data: read('cluster.json') },
        { name: 'export/notes.txt', data: read(dnsPolicies) },
      ]);
      const { snapshot, files } = await service.importFiles({ files: [{ name: 'cluster.zip', data: zip }] });
      expect(files.map((f) => [f.file, f.status, f.kind, f.records])).toEqual([
        ['cluster.zip!/export/vpcs.json', 'imported', 'kubernetes-json', 19],
        ['cluster.zip!/export/notes.txt', 'imported', 'kubernetes-manifests', 2],
      ]);
      expect(snapshot.kubernetesCounts).toEqual({
        namespaces: 4,
        pods: 7,
        services: 3,
        controllers: 5,
        networkPolicies: 2,
      });
      expect(workspace.snapshots.list()[0]?.kubernetesCounts?.pods).toBe(7);
      const expected = readKubernetesFiles([
        { ...fixture('cluster.json'), name: 'cluster.zip!/export/vpcs.json' },
        { ...fixture(dnsPolicies), name: 'cluster.zip!/export/notes.txt' },
      ]).estate;
      expect(workspace.snapshots.loadEstate(snapshot.id).kubernetes).toEqual(expected);
      const verdict = await service.checkFlow({
        source: 'shop/api',
        destination: 'kube-system/coredns-5d78c9869d-7kx2p',
        protocol: 'udp',
        port: 53,
      });
      expect(verdict.allowed).toBe(true);
    } finally {
      close();
    }
  });

  it('reads a folder of manifests, nested, next to files that are none', async () => {
    const dir = dirname(tempDbFile());
    mkdirSync(join(dir, 'chart', 'rendered'), { recursive: true });
    writeFileSync(join(dir, 'chart', 'rendered', 'all.yaml'), read('helm/rendered.yaml'));
    writeFileSync(join(dir, 'chart', 'values.yaml'), 'replicaCount: 3\nimage:\n  tag: 2.7.0\n');
    writeFileSync(join(dir, 'chart', 'np.yml'), read(dnsPolicies));
    const { service, workspace, close } = await createService({ dbFile: join(dir, 'w.db') });
    try {
      const { snapshot, files } = await service.importPaths([join(dir, 'chart')]);
      expect(files.map((f) => [f.file, f.status, f.kind, f.records])).toEqual([
        ['chart/np.yml', 'imported', 'kubernetes-manifests', 2],
        ['chart/rendered/all.yaml', 'imported', 'kubernetes-manifests', 4],
        ['chart/values.yaml', 'skipped', null, 0],
      ]);
      expect(files.find((f) => f.file === 'chart/values.yaml')?.reason).toBe(
        'YAML, but none that Faultline reads: not Kubernetes objects (top-level apiVersion: and kind:), a Backstage catalog or a dependencies file',
      );
      const pods = workspace.snapshots.loadEstate(snapshot.id).kubernetes?.pods ?? [];
      expect(pods.map((p) => `${p.namespace}/${p.name} ${p.templateOf?.kind}`)).toEqual([
        'default/checkout Deployment',
        'default/checkout-redis StatefulSet',
      ]);
    } finally {
      close();
    }
  });

  it('imports a cluster next to an AWS export: both are checked, each by its own layers', async () => {
    const { service, workspace, close } = await createService({ dbFile: tempDbFile() });
    try {
      const { snapshot } = await service.importPaths([sampleDir, new URL('cluster.json', fixtures).pathname]);
      const estate = workspace.snapshots.loadEstate(snapshot.id);
      expect(estate.workloads.length).toBeGreaterThan(0);
      expect(estate.kubernetes?.pods).toHaveLength(7);
      const [source, destination] = estate.workloads.map((workload) => workload.id);
      const cloud = await service.checkFlow({
        source: source as string,
        destination: destination as string,
        protocol: 'tcp',
        port: 443,
      });
      expect(cloud.explanation.map((l) => l.layer)).toContain('sg-ingress');
      const pods = await service.checkFlow({
        source: 'shop/web',
        destination: 'shop/api',
        protocol: 'tcp',
        port: 8080,
      });
      expect(pods.explanation.map((l) => l.layer)).toEqual(['k8s-egress', 'k8s-ingress']);
    } finally {
      close();
    }
  });

  it('names the kinds it passed over; a file of none it reads is skipped, and alone refuses the import', async () => {
    const dbFile = tempDbFile();
    const { service, workspace, close } = await createService({ dbFile });
    const crd = new TextEncoder().encode(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
`);
    try {
      const before = dumpDatabase(dbFile);
      const error = await service
        .importFiles({ files: [{ name: 'crd.yaml', data: crd }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as BadInputError).files.map((f) => [f.file, f.status, f.reason])).toEqual([
        [
          'crd.yaml',
          'skipped',
          'Kubernetes objects, but none of a kind Faultline reads (Namespace, Pod, Service, Deployment, StatefulSet, DaemonSet, ReplicaSet, NetworkPolicy); passed over: CustomResourceDefinition, Widget, Service (serving.knative.dev/v1)',
        ],
      ]);
      expect(dumpDatabase(dbFile)).toBe(before);
      const { files } = await service.importFiles({
        files: [
          { name: 'crd.yaml', data: crd },
          { name: 'rendered.yaml', data: read('helm/rendered.yaml') },
        ],
      });
      expect(files.map((f) => [f.file, f.status, f.records, f.reason])).toEqual([
        ['crd.yaml', 'skipped', 0, expect.stringMatching(/^Kubernetes objects, but none/)],
        ['rendered.yaml', 'imported', 4, 'passed over: ServiceAccount, Secret'],
      ]);
      expect(workspace.snapshots.list()).toHaveLength(1);
    } finally {
      close();
    }
  });

  it('refuses a bad manifest, naming file and place, and leaves the workspace as it was', async () => {
    const dbFile = tempDbFile();
    const { service, close } = await createService({ dbFile });
    try {
      await service.importFiles({ files: [{ name: 'cluster.json', data: read('cluster.json') }] });
      const before = dumpDatabase(dbFile);
      const bad = new TextDecoder().decode(read(dnsPolicies)).replace('port: 53', 'port: 0');
      const error = await service
        .importFiles({
          files: [
            { name: 'cluster.json', data: read('cluster.json') },
            { name: 'policies.yaml', data: new TextEncoder().encode(bad) },
          ],
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadInputError);
      const refused = error as BadInputError;
      expect([refused.file, refused.place]).toEqual([
        'policies.yaml',
        'doc 2 $.spec.egress[0].ports[0].port (line 30)',
      ]);
      expect(refused.files.find((f) => f.file === 'policies.yaml')?.status).toBe('error');
      expect(dumpDatabase(dbFile)).toBe(before);
    } finally {
      close();
    }
  });
});

describe('the v4 migration', () => {
  it('takes a version 3 workspace forward; its snapshots have no Kubernetes part', () => {
    const file = tempDbFile();
    const v3 = new Database(file);
    for (const sql of migrations.slice(0, 3)) v3.exec(sql);
    v3.pragma('user_version = 3');
    v3.prepare(
      "INSERT INTO snapshot (name, imported_at, provider, counts) VALUES ('old', '2026-01-01T00:00:00.000Z', 'aws', '{}')",
    ).run();
    v3.close();
    const workspace = Workspace.open(file);
    try {
      expect(schemaVersion).toBeGreaterThanOrEqual(4);
      expect(workspace.schemaVersion).toBe(schemaVersion);
      expect(workspace.snapshots.loadEstate(1).kubernetes).toBeUndefined();
      expect(workspace.snapshots.get(1).kubernetesCounts).toBeUndefined();
    } finally {
      workspace.close();
    }
  });

  it('deleting a snapshot deletes its Kubernetes objects', async () => {
    const dbFile = tempDbFile();
    const { service, close } = await createService({ dbFile });
    try {
      const { snapshot } = await service.importFiles({
        files: [{ name: 'c.json', data: read('cluster.json') }],
      });
      await service.deleteSnapshot({ id: snapshot.id });
    } finally {
      close();
    }
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM kubernetes_object').get()).toEqual({ n: 0 });
    db.close();
  });

  it('reads the node and readiness of pods stored before they were kept from the object stored beside them', async () => {
    const dbFile = tempDbFile();
    const flow = { source: '10.0.1.15', destination: 'shop/api', protocol: 'tcp', port: 8080 } as const;
    const first = await createService({ dbFile });
    const { snapshot } = await first.service.importFiles({
      files: [{ name: 'c.json', data: read('cluster.json') }],
    });
    const fresh = first.workspace.snapshots.loadEstate(snapshot.id).kubernetes?.pods ?? [];
    const freshVerdict = await first.service.checkFlow(flow);
    first.close();
    const db = new Database(dbFile);
    db.prepare(
      "UPDATE kubernetes_object SET data = json_remove(data, '$.nodeName', '$.hostIps', '$.phase', '$.ready') WHERE kind = 'pod'",
    ).run();
    db.close();
    const { service, workspace, close } = await createService({ dbFile });
    try {
      const pods = workspace.snapshots.loadEstate(snapshot.id).kubernetes?.pods ?? [];
      expect(pods[0]).toMatchObject({ nodeName: 'node-a', hostIps: ['10.0.1.15'], phase: 'Running' });
      expect(pods).toEqual(fresh);
      // 10.0.1.15 is the node's address, as in a fresh import, not a pod's.
      expect(await service.checkFlow(flow)).toEqual(freshVerdict);
      expect(freshVerdict.source.workloadId).not.toBe('shop/api-5f6d7c8b9-k8s7q');
    } finally {
      close();
    }
  });
});
