import type { PublicAccessExclusion } from '../domain/estate';
import type { JsonCursor } from '../input/jsonCursor';
import { perItem } from './draft';

/** An exclusion with the VPC or subnet it names, before linking hangs it on that object. */
export interface NamedExclusion extends PublicAccessExclusion {
  readonly resourceId: string;
}

/** The states of VpcBlockPublicAccessExclusion (EC2 API Reference) and whether each exempts: yes, maybe, no. */
const exempts: Readonly<Record<string, 'yes' | 'maybe' | 'no'>> = {
  'create-complete': 'yes',
  'update-complete': 'yes',
  'create-in-progress': 'maybe',
  'update-in-progress': 'maybe',
  'update-failed': 'maybe',
  'delete-in-progress': 'maybe',
  'disable-in-progress': 'maybe',
  'create-failed': 'no',
  'delete-complete': 'no',
  'disable-complete': 'no',
};

export const publicAccessExclusionsExport = perItem(
  'VpcBlockPublicAccessExclusions',
  'describe-vpc-block-public-access-exclusions',
  (item, into) => {
    const state = item.str('State');
    const effect = Object.hasOwn(exempts, state) ? exempts[state] : undefined;
    if (effect === undefined) item.at('State').fail(`one of ${Object.keys(exempts).join(', ')}`);
    if (effect === 'no') return;
    const mode = item.str('InternetGatewayExclusionMode');
    if (mode !== 'allow-bidirectional' && mode !== 'allow-egress')
      return item.at('InternetGatewayExclusionMode').fail('"allow-bidirectional" or "allow-egress"');
    into.publicAccessExclusions.push({
      resourceId: resourceOf(item.at('ResourceArn')),
      id: item.str('ExclusionId'),
      mode,
      state,
      source: item.source,
    });
  },
);

/** `arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0abc` names subnet-0abc; exclusions name VPCs and subnets only. */
function resourceOf(arn: JsonCursor): string {
  const resource = /^arn:[^:]+:ec2:[^:]*:[^:]*:(vpc|subnet)\/(\1-[0-9a-zA-Z]+)$/.exec(arn.string());
  return resource?.[2] ?? arn.fail('the ARN of a VPC or subnet (arn:aws:ec2:REGION:ACCOUNT:subnet/subnet-…)');
}
