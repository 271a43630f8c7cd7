import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../main/core/domain/errors';
import { type KubernetesFile, readKubernetesFiles } from '../../../main/core/kubernetes';
import { fixture } from './files';

function refusal(files: KubernetesFile[]): BadInputError {
  try {
    readKubernetesFiles(files);
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

const yaml = (text: string): KubernetesFile => ({
  name: 'bad.yaml',
  data: new TextEncoder().encode(text),
  kind: 'kubernetes-manifests',
});

const json = (text: string): KubernetesFile => ({
  name: 'bad.json',
  data: new TextEncoder().encode(text),
  kind: 'kubernetes-json',
});

/** A NetworkPolicy whose spec is `spec` (indented by two), preceded by a harmless document. */
const policy = (spec: string) =>
  yaml(`apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
${spec}
`);

describe('refusing bad Kubernetes input, naming the file and the place', () => {
  const cases: [string, KubernetesFile, string, string][] = [
    [
      'YAML syntax',
      yaml('apiVersion: v1\nkind: Pod\nmetadata: {name: a\n'),
      'line 4, column 1',
      'is not valid YAML',
    ],
    [
      'JSON syntax',
      json('{"apiVersion": "v1", "kind": "List", "items": [}'),
      'line 1, column 48',
      'is not valid JSON',
    ],
    [
      'a hostile key in YAML',
      yaml('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels:\n    __proto__: x\n'),
      'doc 1 $.metadata.labels.__proto__',
      'the key __proto__ is not allowed',
    ],
    [
      'a hostile key in JSON',
      json('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "labels": {"__proto__": "x"}}}'),
      '$.metadata.labels.__proto__',
      'the key __proto__ is not allowed',
    ],
    [
      'a Service type the API server does not know',
      yaml(
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: Public\n  ports: [{port: 80}]\n',
      ),
      'doc 1 $.spec.type (line 7)',
      'ClusterIP, NodePort, LoadBalancer, ExternalName',
    ],
    [
      'a missing name',
      yaml('apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: a\n'),
      'doc 1 $.metadata.name (line 4)',
      'expected a string',
    ],
    [
      'a document that is no object',
      yaml('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: []}\n---\n- just a list\n'),
      'doc 2 $ (line 6)',
      'a Kubernetes object',
    ],
    [
      'a container port out of range',
      json(
        '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[{"name":"c","ports":[{"containerPort":70000}]}]}}',
      ),
      '$.spec.containers[0].ports[0].containerPort',
      'a port number 1-65535',
    ],
    [
      'a pod IP that is none',
      json(
        '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},"spec":{"containers":[]},"status":{"podIPs":[{"ip":"10.0.0.300"}]}}',
      ),
      '$.status.podIPs[0].ip',
      'an IP address',
    ],
    [
      'a cluster IP that is none',
      yaml('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  clusterIP: 10.96.0\n'),
      'doc 1 $.spec.clusterIP (line 5)',
      'an IP address',
    ],
    [
      'an unknown operator',
      policy('  podSelector:\n    matchExpressions:\n    - {key: a, operator: Equals, values: [b]}'),
      'doc 2 $.spec.podSelector.matchExpressions[0].operator (line 14)',
      'In, NotIn, Exists, DoesNotExist',
    ],
    [
      'In without values',
      policy('  podSelector:\n    matchExpressions:\n    - {key: a, operator: In}'),
      'doc 2 $.spec.podSelector.matchExpressions[0].values (line 14)',
      'a non-empty list of values for In',
    ],
    [
      'Exists with values',
      policy('  podSelector:\n    matchExpressions:\n    - {key: a, operator: Exists, values: [b]}'),
      'doc 2 $.spec.podSelector.matchExpressions[0].values (line 14)',
      'no values for Exists',
    ],
    [
      'an empty peer',
      policy('  podSelector: {}\n  ingress:\n  - from:\n    - {}'),
      'doc 2 $.spec.ingress[0].from[0] (line 15)',
      'a peer with podSelector, namespaceSelector or ipBlock',
    ],
    [
      'ipBlock with a selector',
      policy(
        '  podSelector: {}\n  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}',
      ),
      'doc 2 $.spec.egress[0].to[0] (line 15)',
      'either ipBlock or selectors',
    ],
    [
      'a CIDR that is none',
      policy('  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock: {cidr: 10.0.0.300/8}'),
      'doc 2 $.spec.ingress[0].from[0].ipBlock.cidr (line 15)',
      'a CIDR',
    ],
    [
      'an except outside its cidr',
      policy(
        '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except: [10.1.0.0/24]',
      ),
      'doc 2 $.spec.ingress[0].from[0].ipBlock.except[0] (line 17)',
      'strictly inside 10.0.0.0/16',
    ],
    [
      'an except equal to its cidr',
      policy(
        '  podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/16\n        except: [10.0.0.0/16]',
      ),
      'doc 2 $.spec.ingress[0].from[0].ipBlock.except[0] (line 17)',
      'strictly inside',
    ],
    [
      'endPort with a named port',
      policy('  podSelector: {}\n  ingress:\n  - ports:\n    - {port: http, endPort: 90}'),
      'doc 2 $.spec.ingress[0].ports[0].endPort (line 15)',
      'since port is not a number',
    ],
    [
      'endPort below port',
      policy('  podSelector: {}\n  ingress:\n  - ports:\n    - {port: 90, endPort: 80}'),
      'doc 2 $.spec.ingress[0].ports[0].endPort (line 15)',
      'an endPort at least port 90',
    ],
    [
      'endPort without port',
      policy('  podSelector: {}\n  ingress:\n  - ports:\n    - {endPort: 80}'),
      'doc 2 $.spec.ingress[0].ports[0].endPort (line 15)',
      'since port is not a number',
    ],
    [
      'a protocol Kubernetes lacks',
      policy('  podSelector: {}\n  ingress:\n  - ports:\n    - {protocol: ICMP}'),
      'doc 2 $.spec.ingress[0].ports[0].protocol (line 15)',
      'TCP, UDP, SCTP',
    ],
    [
      'a port name of digits',
      policy('  podSelector: {}\n  ingress:\n  - ports:\n    - {port: "80"}'),
      'doc 2 $.spec.ingress[0].ports[0].port (line 15)',
      'a port number or a port name',
    ],
    [
      'a port name with two hyphens in a row',
      policy('  podSelector: {}\n  ingress:\n  - ports:\n    - {port: a--b}'),
      'doc 2 $.spec.ingress[0].ports[0].port (line 15)',
      'no - at either end or twice in a row',
    ],
    [
      'a port name ending with a hyphen',
      policy('  podSelector: {}\n  egress:\n  - ports:\n    - {port: http-}'),
      'doc 2 $.spec.egress[0].ports[0].port (line 15)',
      'a port number or a port name',
    ],
    [
      'a port name of 16 characters',
      policy('  podSelector: {}\n  ingress:\n  - ports:\n    - {port: abcdefghijklmnop}'),
      'doc 2 $.spec.ingress[0].ports[0].port (line 15)',
      'at most 15',
    ],
    [
      'a container port name the API server refuses',
      yaml(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop}\nspec:\n  containers:\n  - name: c\n    ports:\n    - {name: metrics--v2, containerPort: 9090}\n',
      ),
      'doc 1 $.spec.containers[0].ports[0].name (line 8)',
      'a port name (at most 15',
    ],
    [
      'an unknown policy type',
      policy('  podSelector: {}\n  policyTypes: [Ingress, Outbound]'),
      'doc 2 $.spec.policyTypes[1] (line 13)',
      'Ingress or Egress',
    ],
    [
      'a policy type twice',
      policy('  podSelector: {}\n  policyTypes: [Egress, Egress]'),
      'doc 2 $.spec.policyTypes (line 13)',
      'each of Ingress and Egress at most once',
    ],
    [
      'a NetworkPolicy of another API version',
      yaml(
        'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec: {podSelector: {}}\n',
      ),
      'doc 1 $.apiVersion (line 1)',
      'networking.k8s.io/v1',
    ],
    [
      'a controller without selector',
      yaml(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template: {spec: {containers: []}}\n',
      ),
      'doc 1 $.spec.selector (line 5)',
      'expected an object',
    ],
  ];

  it.each(cases)('%s', (_, file, place, problem) => {
    const error = refusal([file]);
    expect(error.file).toBe(file.name);
    expect(error.place).toBe(place);
    expect(error.message).toContain(`${file.name} `);
    expect(error.message).toContain(problem);
  });

  it('refuses an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const error = refusal([yaml(`${bomb.join('\n')}\napiVersion: v1\nkind: Pod\n`)]);
    expect(error.place).toBe('doc 1');
    expect(error.message).toContain('cannot be read');
  });

  it('refuses text that is not UTF-8', () => {
    const error = refusal([{ ...yaml(''), data: new Uint8Array([0x61, 0x3a, 0xff, 0xfe]) }]);
    expect(error.message).toBe('bad.yaml is not valid UTF-8 text');
  });

  it('names both places of an object defined twice', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop}\nspec: {containers: []}\n';
    const error = refusal([yaml(`${pod}---\n${pod}`)]);
    expect(error.place).toBe('doc 2 $ (line 6)');
    expect(error.message).toBe('bad.yaml doc 2 $ (line 6): Pod shop/a is also defined in bad.yaml doc 1 $');
  });

  it('names the Helm template a refused document came from', () => {
    const file = fixture('helm/rendered.yaml');
    const text = new TextDecoder()
      .decode(file.data)
      .replace('        - port: redis', '        - port: Redis');
    const error = refusal([{ ...file, data: new TextEncoder().encode(text) }]);
    expect(error.place).toBe(
      'doc 7 $.spec.ingress[0].ports[0].port (line 123, Helm template checkout/templates/networkpolicy.yaml)',
    );
  });
});
