import type { Topology } from '../../../../preload/contract';
import { pendingOn, referencingTarget } from '../../state/impactEdits';
import { useImpactState, useImpactStore } from '../../state/useImpactState';
import { PendingEdit } from './PendingEdit';

type Gateway = Topology['transitGateways'][number];
type Setting = Pick<Gateway, 'securityGroupReferencing' | 'exported'>;

/**
 * The transit gateways a VPC is attached to, with security group referencing on each and on the
 * VPC's attachment: rules naming another VPC's group match across it only where both are on
 * (docs/semantics/aws.md). A what-if turns either on or off, as `aws ec2 modify-transit-gateway` would.
 */
export function TransitGatewayWhatIf({ gateways, vpcId }: { gateways: readonly Gateway[]; vpcId: string }) {
  const attached = gateways.filter((gateway) => gateway.attachments.some((a) => a.vpcId === vpcId));
  if (attached.length === 0) return null;
  return (
    <div className="link-list" data-testid="transit-gateways">
      <h4>Transit gateways</h4>
      <ul className="rule-list">
        {attached.flatMap((gateway) => [
          <li key={gateway.id}>
            <Referencing gatewayId={gateway.id} setting={gateway} name={gateway.id} />
          </li>,
          ...gateway.attachments
            .filter((attachment) => attachment.vpcId === vpcId)
            .map((attachment) => (
              <li key={attachment.id}>
                <Referencing
                  gatewayId={gateway.id}
                  attachmentId={attachment.id}
                  setting={attachment}
                  name={`${attachment.id}, this VPC's attachment`}
                />
              </li>
            )),
        ])}
      </ul>
    </div>
  );
}

function Referencing({
  gatewayId,
  attachmentId,
  setting,
  name,
}: {
  gatewayId: string;
  attachmentId?: string;
  setting: Setting;
  name: string;
}) {
  const store = useImpactStore();
  const { edits } = useImpactState();
  const id = attachmentId ?? gatewayId;
  const pending = pendingOn(edits, referencingTarget(id));
  const state = !setting.exported
    ? `not in the export (${attachmentId ? 'describe-transit-gateway-vpc-attachments' : 'describe-transit-gateways'})`
    : setting.securityGroupReferencing === null
      ? 'not printed by the export'
      : setting.securityGroupReferencing
        ? 'enabled'
        : 'disabled';
  // What a migration from peerings asks: turn it on where it is not known to be.
  const enabled = setting.securityGroupReferencing !== true;
  const verb = enabled ? 'Enable' : 'Disable';
  return (
    <>
      <code>{name}</code>: security group referencing {state}
      <span className="line-whatif">
        {pending ? (
          <PendingEdit kind="change" editId={pending.id} label={`Undo the what-if edit of ${id}`} />
        ) : (
          setting.exported && (
            <button
              type="button"
              className="btn btn-small"
              aria-label={`${verb} security group referencing on ${id} (what-if)`}
              onClick={() =>
                store.addEdit({
                  op: 'set-security-group-referencing',
                  transitGatewayId: gatewayId,
                  ...(attachmentId === undefined ? {} : { attachmentId }),
                  enabled,
                })
              }
            >
              {verb}
            </button>
          )
        )}
      </span>
    </>
  );
}
