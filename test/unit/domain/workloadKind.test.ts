import { describe, expect, it } from 'vitest';
import { classifyWorkload, type EniTraits } from '../../../main/core/domain/workloadKind';

const eni = (traits: Partial<EniTraits>): EniTraits => ({
  interfaceType: 'interface',
  description: '',
  requesterId: null,
  instanceId: null,
  ...traits,
});

describe('classifyWorkload', () => {
  it.each([
    [{ instanceId: 'i-1' }, 'instance'],
    [{ requesterId: 'amazon-rds', description: 'something else' }, 'rds'],
    [{ description: 'RDSNetworkInterface' }, 'rds'],
    [{ description: 'ELB my-classic-lb' }, 'load-balancer'],
    [{ interfaceType: 'network_load_balancer' }, 'load-balancer'],
    [{ interfaceType: 'gateway_load_balancer' }, 'load-balancer'],
    [{ description: 'AWS Lambda VPC ENI-orders-1234' }, 'lambda'],
    [{ interfaceType: 'lambda' }, 'lambda'],
    [{ interfaceType: 'vpc_endpoint' }, 'vpc-endpoint'],
    [{ interfaceType: 'gateway_load_balancer_endpoint' }, 'vpc-endpoint'],
    [{ interfaceType: 'nat_gateway' }, 'nat-gateway'],
    [{ interfaceType: 'transit_gateway', requesterId: '123456789012' }, 'transit-gateway'],
    [{ description: 'EFS mount target for fs-1 (fsmt-1)' }, 'efs'],
    [{ interfaceType: 'efa', instanceId: 'i-1' }, 'instance'],
    [{ interfaceType: 'efa' }, 'other'],
    [{ description: 'my ELB notes' }, 'other'],
  ] as const)('%o is %s', (traits, kind) => {
    expect(classifyWorkload(eni(traits))).toBe(kind);
  });
});
