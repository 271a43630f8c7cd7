import type { ReactNode } from 'react';
import type { TopologySegment, TopologyWorkload } from '../../graph/viewData';
import { labelsTarget, manifestRef, policyTarget } from '../../state/impactEdits';
import { useImpactState, useImpactStore } from '../../state/useImpactState';
import { LineWhatIf } from './LineWhatIf';
import { denyIngressTemplate, manifestText, policyText, readManifest } from './manifestText';
import { PendingEdit } from './PendingEdit';
import { labelChanges, labelsText } from './podLabels';
import { AddDisclosure } from './SegmentWhatIf';
import { TextEditForm } from './TextEditForm';

const manifestLabel = 'Manifest (YAML or JSON)';

/** Remove or replace one NetworkPolicy (what-if), as `kubectl delete` and `kubectl apply` would. */
export function PolicyWhatIf({
  segment,
  namespace,
  name,
}: {
  segment: TopologySegment;
  namespace: string;
  name: string;
}) {
  // A topology without the manifest still lets the user write the policy anew.
  const initial = segment.manifest ? manifestText(segment.manifest) : policyText(namespace, name, {});
  return (
    <WhatIfSection>
      <ul className="rule-list">
        <li>
          <code>
            {namespace}/{name}
          </code>
          <LineWhatIf
            target={policyTarget(namespace, name)}
            text={`NetworkPolicy ${namespace}/${name}`}
            editLabel="Replace"
            removal={{ op: 'remove-network-policy', namespace, name }}
            form={(apply, cancel) => (
              <TextEditForm
                label={manifestLabel}
                initial={initial}
                read={readManifest}
                submitLabel="Replace (what-if)"
                onCancel={cancel}
                onSubmit={(policy) => apply({ op: 'replace-network-policy', namespace, name, policy })}
              />
            )}
          />
        </li>
      </ul>
    </WhatIfSection>
  );
}

/** Policies added to a namespace (with Undo), and the form adding one. */
export function NamespaceWhatIf({ namespace, policies }: { namespace: string; policies: readonly string[] }) {
  const store = useImpactStore();
  const { edits } = useImpactState();
  const added = edits.items.flatMap((item) => {
    if (item.edit.op !== 'add-network-policy') return [];
    const ref = manifestRef(item.edit.policy);
    return ref.namespace === namespace ? [{ id: item.id, name: ref.name ?? '(no name)' }] : [];
  });
  const taken = [...policies, ...added.map((a) => a.name)];
  return (
    <WhatIfSection>
      {added.length > 0 && (
        <ul className="rule-list">
          {added.map(({ id, name }) => (
            <li key={id}>
              <code>{name}</code>
              <span className="line-whatif">
                <PendingEdit
                  kind="add"
                  editId={id}
                  label={`Undo adding NetworkPolicy ${namespace}/${name}`}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
      <AddDisclosure label="Add NetworkPolicy (what-if)">
        {(close) => (
          <TextEditForm
            label={manifestLabel}
            initial={denyIngressTemplate(namespace, taken)}
            read={readManifest}
            submitLabel="Add NetworkPolicy"
            onCancel={close}
            onSubmit={(policy) => {
              store.addEdit({ op: 'add-network-policy', policy });
              close();
            }}
          />
        )}
      </AddDisclosure>
    </WhatIfSection>
  );
}

/** A pod's labels, which decide the policies selecting it and the peers admitting it (what-if). */
export function PodLabelsWhatIf({ workload, namespace }: { workload: TopologyWorkload; namespace: string }) {
  const pod = workload.name ?? workload.id;
  return (
    <WhatIfSection>
      <ul className="rule-list">
        <li>
          Labels
          <LineWhatIf
            target={labelsTarget(namespace, pod)}
            text={`the labels of ${pod}`}
            form={(apply, cancel) => (
              <TextEditForm
                label="Labels, one key=value a line"
                initial={labelsText(workload.tags)}
                read={(text) => labelChanges(workload.tags, text)}
                submitLabel="Apply what-if"
                onCancel={cancel}
                onSubmit={(labels) => apply({ op: 'set-pod-labels', namespace, workload: pod, labels })}
              />
            )}
          />
        </li>
      </ul>
    </WhatIfSection>
  );
}

function WhatIfSection({ children }: { children: ReactNode }) {
  return (
    <div className="link-list whatif-section">
      <h4>What-if</h4>
      {children}
    </div>
  );
}
