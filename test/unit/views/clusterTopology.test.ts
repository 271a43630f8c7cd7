import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import type { Estate } from '../../../main/core/domain/estate';
import { FindingContext } from '../../../main/core/findings/context';
import { buildTopology } from '../../../main/core/views/topology';
import { declared } from '../findings/declared';
import { clusterOnly, clusterWith, fixture, labelModel } from '../kubernetes/files';

describe('a Kubernetes cluster in the topology', () => {
  const estate: Estate = clusterOnly(clusterWith(fixture('recipes/allow-same-namespace/policies.yaml')));
  const model = labelModel(estate);
  const topology = buildTopology(
    new FindingContext(
      estate,
      { ...model, dependencies: [declared('storefront', 'order-api', 8080)] },
      defaultTagKeys,
    ),
  );

  it('draws the cluster as a VPC, namespaces as boxes and segments, policies as segments', () => {
    expect(topology.vpcs).toEqual([{ id: 'kubernetes', name: 'Kubernetes cluster', cidrBlocks: [] }]);
    expect(topology.subnets.map((s) => s.id).sort()).toEqual([
      'namespace/billing',
      'namespace/kube-system',
      'namespace/monitoring',
      'namespace/shop',
    ]);
    const policy = topology.segments.find((s) => s.groupId === 'networkpolicy/shop/allow-same-namespace');
    expect(policy).toMatchObject({
      vpcId: 'kubernetes',
      owner: 'shop',
      manifest: { kind: 'NetworkPolicy', metadata: { name: 'allow-same-namespace', namespace: 'shop' } },
    });
    expect(topology.segments.find((s) => s.groupId === 'namespace/shop')).not.toHaveProperty('manifest');
    expect(policy?.rules).toEqual([
      {
        key: 'shop/allow-same-namespace/ingress/0',
        text: 'ingress[0] from podSelector {} on every port',
        description: null,
      },
    ]);
  });

  it('puts each pod in its namespace and in the policies that select it, with its app and service', () => {
    const api = topology.workloads.find((w) => w.id === 'shop/api-5f6d7c8b9-k8s7q');
    expect(api).toMatchObject({
      kind: 'pod',
      subnetId: 'namespace/shop',
      app: 'shop',
      service: 'order-api',
      groupIds: [
        'namespace/shop',
        'networkpolicy/shop/default-deny-ingress',
        'networkpolicy/shop/allow-same-namespace',
      ],
    });
    expect(topology.workloads.find((w) => w.id === 'billing/pay-6c9d8f7b5-zzq2w')?.groupIds).toEqual([
      'namespace/billing',
    ]);
  });

  it('marks the segment pairs an allowed dependency between pods rides on', () => {
    expect(topology.dependencies).toMatchObject([
      { from: 'storefront', to: 'order-api', verdict: 'allowed', pairs: 2 },
    ]);
    expect(topology.usedSegmentPairs).toContainEqual({
      fromGroup: 'namespace/shop',
      toGroup: 'networkpolicy/shop/allow-same-namespace',
      protocol: 'tcp',
    });
  });
});
