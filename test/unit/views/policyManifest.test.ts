import { describe, expect, it } from 'vitest';
import { editablePolicyManifest } from '../../../main/core/views/policyManifest';

describe('a NetworkPolicy manifest for the what-if editor', () => {
  it('keeps what the author wrote and drops what the API server added', () => {
    const raw = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'pay-ingress',
        namespace: 'billing',
        uid: '7f3c2a10',
        resourceVersion: '40018',
        creationTimestamp: '2026-11-02T08:14:09Z',
        managedFields: [{ manager: 'kubectl' }],
        labels: { team: 'billing' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', note: 'keep' },
      },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
      status: {},
    };
    expect(editablePolicyManifest(raw)).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'pay-ingress',
        namespace: 'billing',
        labels: { team: 'billing' },
        annotations: { note: 'keep' },
      },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
  });

  it('leaves out empty labels and annotations, and makes plain JSON of YAML values', () => {
    const raw = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'a',
        namespace: 'b',
        labels: {},
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
      spec: { podSelector: {}, since: new Date('2026-01-01T00:00:00Z') },
    };
    expect(editablePolicyManifest(raw)).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'a', namespace: 'b' },
      spec: { podSelector: {}, since: '2026-01-01T00:00:00.000Z' },
    });
    expect(editablePolicyManifest('not an object')).toBeNull();
  });
});
