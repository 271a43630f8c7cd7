import { type FormEvent, useState } from 'react';
import type { TopologyWorkload, ViewIndex } from '../../graph/viewData';
import { memberTarget, moveTarget, pendingOn } from '../../state/impactEdits';
import { useImpactState, useImpactStore } from '../../state/useImpactState';
import { PendingEdit } from './PendingEdit';

/** What-if edits of an ENI: its groups, and the subnet it sits in. */
export function WorkloadWhatIf({ workload, index }: { workload: TopologyWorkload; index: ViewIndex }) {
  const store = useImpactStore();
  const { edits } = useImpactState();
  const eni = workload.id;
  const name = (groupId: string) => index.segments.get(groupId)?.name ?? groupId;
  // AWS lets an ENI carry groups of its own VPC only.
  const others = index.data.topology.segments.filter(
    (s) => s.vpcId === workload.vpcId && !workload.groupIds.includes(s.groupId),
  );
  const subnets = index.data.topology.subnets.filter(
    (s) => s.vpcId === workload.vpcId && s.id !== workload.subnetId,
  );
  const [adding, setAdding] = useState('');
  const [subnetId, setSubnetId] = useState('');
  const [privateIp, setPrivateIp] = useState('');
  const moving = pendingOn(edits, moveTarget(eni));
  const addGroup = (event: FormEvent) => {
    event.preventDefault();
    if (adding) store.addEdit({ op: 'add-group', eni, groupId: adding });
    setAdding('');
  };
  const move = (event: FormEvent) => {
    event.preventDefault();
    if (!subnetId) return;
    store.addEdit({
      op: 'move-workload',
      eni,
      subnetId,
      ...(privateIp.trim() ? { privateIp: privateIp.trim() } : {}),
    });
  };
  return (
    <div className="link-list whatif-section">
      <h4>What-if</h4>
      <ul className="rule-list">
        {workload.groupIds.map((groupId) => {
          const pending = pendingOn(edits, memberTarget(eni, groupId));
          return (
            <li key={groupId}>
              <code>{name(groupId)}</code> <span className="muted">{groupId}</span>
              <span className="line-whatif">
                {pending ? (
                  <PendingEdit kind="remove" editId={pending.id} label={`Undo removing ${name(groupId)}`} />
                ) : (
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Remove ${name(groupId)} from ${eni} (what-if)`}
                    onClick={() => store.addEdit({ op: 'remove-group', eni, groupId })}
                  >
                    Remove
                  </button>
                )}
              </span>
            </li>
          );
        })}
        {edits.items
          .flatMap((item) =>
            item.edit.op === 'add-group' && item.edit.eni === eni
              ? [{ id: item.id, groupId: item.edit.groupId }]
              : [],
          )
          .map(({ id, groupId }) => (
            <li key={groupId}>
              <code>{name(groupId)}</code> <span className="muted">{groupId}</span>
              <span className="line-whatif">
                <PendingEdit kind="add" editId={id} label={`Undo adding ${name(groupId)}`} />
              </span>
            </li>
          ))}
      </ul>
      <form className="draft-form" onSubmit={addGroup}>
        <label className="draft-field draft-peer">
          <span>Add group</span>
          <select className="text-input" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a group…</option>
            {others.map((s) => (
              <option key={s.groupId} value={s.groupId}>
                {s.name} ({s.groupId})
              </option>
            ))}
          </select>
        </label>
        <div className="draft-actions">
          <button type="submit" className="btn btn-small primary" disabled={!adding}>
            Add group
          </button>
        </div>
      </form>
      <form className="draft-form" onSubmit={move}>
        <label className="draft-field draft-peer">
          <span>Move to subnet</span>
          <select className="text-input" value={subnetId} onChange={(e) => setSubnetId(e.target.value)}>
            <option value="">Choose a subnet…</option>
            {subnets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name ?? s.id} ({s.cidrBlock ?? 'IPv6 only'})
              </option>
            ))}
          </select>
        </label>
        <label className="draft-field">
          <span>New private IP</span>
          <input
            className="text-input"
            value={privateIp}
            placeholder="when outside the subnet"
            onChange={(e) => setPrivateIp(e.target.value)}
          />
        </label>
        <div className="draft-actions">
          <button type="submit" className="btn btn-small primary" disabled={!subnetId}>
            Move
          </button>
          {moving && (
            <button type="button" className="btn btn-small" onClick={() => store.removeEdit(moving.id)}>
              Undo move
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
