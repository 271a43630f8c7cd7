import { isIcmp } from '../domain/ipProtocol';
import type { DecidingRule } from './verdict';

/** One rule on one line, as a network engineer would read it off the console. */
export function decidingRuleText(rule: DecidingRule): string {
  switch (rule.kind) {
    case 'security-group-rule': {
      const ports =
        rule.fromPort === null
          ? ''
          : isIcmp(rule.protocol)
            ? icmpText(rule.fromPort, rule.toPort)
            : ` ${rule.fromPort}-${rule.toPort}`;
      return `${rule.groupId} ${rule.direction} ${rule.protocol}${ports} ${rule.direction === 'ingress' ? 'from' : 'to'} ${rule.peer}`;
    }
    case 'network-acl-entry':
      return `${rule.aclId} #${rule.ruleNumber} ${rule.egress ? 'outbound' : 'inbound'} ${rule.action}`;
    case 'network-policy-rule': {
      const policy = `networkpolicy ${rule.namespace}/${rule.policy}`;
      return rule.ruleIndex === null
        ? `${policy} (selects the pod, allows none of this ${rule.direction})`
        : `${policy} ${rule.direction}[${rule.ruleIndex}]`;
    }
    case 'route':
      return `${rule.routeTableId} ${rule.destination} -> ${rule.target}`;
  }
}

/** An ICMP rule's FromPort is the type and ToPort the code, -1 for all: ` type 8`, ` all types`. */
function icmpText(type: number, code: number | null): string {
  if (type === -1) return ' all types';
  return ` type ${type}${code === null || code === -1 ? '' : ` code ${code}`}`;
}
