import { describe, expect, it } from 'vitest';
import { defaultTagKeys } from '../../../main/core/applications/tagKeys';
import { FindingContext } from '../../../main/core/findings/context';
import { serviceExposures } from '../../../main/core/findings/kubernetes/exposure';
import { clusterOnly, clusterWith, labelModel, textFile } from '../kubernetes/files';

/** The storefront Service (port 80 → the web pods' http port 8080) as type `type`, with these policies. */
function exposed(type: string, ...policies: string[]) {
  const service = `
apiVersion: v1
kind: Service
metadata:
  name: storefront-public
  namespace: shop
spec:
  type: ${type}
  externalTrafficPolicy: Local
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
`;
  const files = [
    textFile('service.yaml', service),
    ...policies.map((text, i) => textFile(`policy-${i}.yaml`, text)),
  ];
  const estate = clusterOnly(clusterWith(...files));
  const model = labelModel(estate);
  return serviceExposures(new FindingContext(estate, model, defaultTagKeys));
}

const ingressFrom = (cidr: string, except: string[] = []) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-from-${cidr.replace(/[./]/g, '-')}
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - ipBlock:
        cidr: ${cidr}
${except.length ? `        except: [${except.join(', ')}]\n` : ''}`;

describe('Kubernetes exposure', () => {
  it('reports a LoadBalancer service whose pods no policy isolates, with a verified flow to the pod port', () => {
    const [finding, ...others] = exposed('LoadBalancer');
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      id: 'exposure:service/shop/storefront-public',
      severity: 'low',
      owners: [],
      evidence: { figures: { ports: 1 } },
    });
    expect(finding?.evidence.flows[0]).toMatchObject({
      allowed: true,
      port: 8080,
      destination: { workloadId: 'shop/web-7d4b9c6f5-q9w2e' },
    });
    expect(finding?.explanation).toContain("the pods see the client's own address");
  });

  it('is high for a NodePort, and absent for a ClusterIP service or pods only an internal range may reach', () => {
    expect(exposed('NodePort').map((f) => f.severity)).toEqual(['high']);
    expect(exposed('ClusterIP')).toEqual([]);
    expect(exposed('LoadBalancer', ingressFrom('10.0.0.0/8'))).toEqual([]);
  });

  it('finds the internet addresses an ipBlock admits, even past its excepts', () => {
    const [office] = exposed('LoadBalancer', ingressFrom('203.0.113.0/24'));
    expect(office?.evidence.flows[0]?.source.address).toBe('203.0.113.0');
    const [rest] = exposed('LoadBalancer', ingressFrom('0.0.0.0/0', ['0.0.0.0/1']));
    expect(rest?.evidence.flows[0]?.source.address).toBe('128.0.0.0');
  });
});
