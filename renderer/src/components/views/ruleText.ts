import type { FlowVerdict } from '../../../../preload/contract';
import { trafficText } from '../../format';

type DecidingRule = FlowVerdict['explanation'][number]['rules'][number];

/** A deciding rule on one line, as a network engineer reads it off the console. */
export function ruleText(rule: DecidingRule): string {
  switch (rule.kind) {
    case 'security-group-rule': {
      const traffic = trafficText(rule.protocol, rule.fromPort, rule.toPort);
      return `${rule.groupId} ${rule.direction} ${traffic} ${rule.direction === 'ingress' ? 'from' : 'to'} ${rule.peer}`;
    }
    case 'network-acl-entry':
      return `${rule.aclId} #${rule.ruleNumber} ${rule.egress ? 'outbound' : 'inbound'} ${rule.action} ${rule.cidr}`;
    case 'route':
      return `${rule.routeTableId} ${rule.destination} → ${rule.target}`;
    default:
      // A kind of rule newer than this view: where it was read is still something to check.
      return `${(rule as DecidingRule).kind} at ${(rule as DecidingRule).source.file} ${(rule as DecidingRule).source.path}`;
  }
}
