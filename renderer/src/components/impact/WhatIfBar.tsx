import { type ChangeEvent, type DragEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { describeEdit } from '../../state/impactEdits';
import { useAppState } from '../../state/useAppState';
import { useImpactState, useImpactStore } from '../../state/useImpactState';
import { useViewState } from '../../state/useViewState';
import { editNames } from './editNames';

/**
 * What the impact is computed for: the pending edits (each removable, an error shown next to the
 * edit it names), a Terraform plan, or two snapshots; and Clear.
 */
export function WhatIfBar() {
  const store = useImpactStore();
  const state = useImpactState();
  const { source, edits, error } = state;
  const { index } = useViewState();
  const names = useMemo(() => editNames(index), [index]);
  const title = useRef<HTMLHeadingElement>(null);
  const empty = source.kind === 'edits' && edits.items.length === 0;
  return (
    <section className="whatif-bar" aria-label="What-if edits">
      <div className="whatif-inputs">
        <h2 className="whatif-title" ref={title} tabIndex={-1}>
          What-if
        </h2>
        <PlanPicker />
        <ComparePicker />
        <button type="button" className="btn btn-small" disabled={empty} onClick={() => store.clear()}>
          Clear
        </button>
      </div>
      {source.kind === 'edits' &&
        (edits.items.length === 0 ? (
          <p className="muted whatif-hint">
            No edits yet. Select a security group, a network ACL, a workload, a Kubernetes namespace or
            NetworkPolicy, or a pod and use its what-if buttons in the inspector; or import a Terraform plan,
            or compare two snapshots.
          </p>
        ) : (
          <ol className="pending-edits" aria-label="Pending edits">
            {edits.items.map((item) => {
              const failed = error?.editId === item.id;
              const text = describeEdit(item.edit, names);
              return (
                <li
                  key={item.id}
                  className={failed ? 'pending-edit failed' : 'pending-edit'}
                  data-testid="pending-edit"
                >
                  {/* The ids, for whoever will write the change down. */}
                  <span className="pending-text" title={describeEdit(item.edit)}>
                    {text}
                  </span>
                  {failed && <span className="impact-error-text">{error.message}</span>}
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove the edit: ${text}`}
                    onClick={(event) => {
                      // Focus moves to the next edit's button (or the previous, or the title) before this one goes.
                      const li = event.currentTarget.closest('li');
                      const neighbour = (li?.nextElementSibling ?? li?.previousElementSibling)?.querySelector(
                        'button',
                      );
                      (neighbour ?? title.current)?.focus();
                      store.removeEdit(item.id);
                    }}
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ol>
        ))}
      {source.kind === 'plan' && (
        <p className="whatif-source">
          Terraform plan <strong>{source.name}</strong> against the selected snapshot.
        </p>
      )}
      {source.kind === 'compare' && <CompareSource older={source.older} newer={source.newer} />}
      <ImpactLegend />
    </section>
  );
}

function CompareSource({ older, newer }: { older: number; newer: number }) {
  const { snapshots } = useAppState();
  const name = (id: number) => snapshots.find((s) => s.id === id)?.name ?? `#${id}`;
  return (
    <p className="whatif-source">
      Comparing <strong>{name(older)}</strong> (before) with <strong>{name(newer)}</strong> (after).
    </p>
  );
}

/** A `terraform show -json` output, picked or dropped; its bytes go to the API as they are. */
function PlanPicker() {
  const store = useImpactStore();
  const [over, setOver] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const read = (file: File | undefined) => {
    if (!file) return;
    // Bytes, not text: the service reads them as the plan was saved (UTF-16 from Windows PowerShell).
    file.arrayBuffer().then(
      (bytes) => {
        setReadError(null);
        store.importPlan(file.name, new Uint8Array(bytes));
      },
      (e: unknown) => setReadError(`${file.name} could not be read: ${String(e)}`),
    );
  };
  // The window imports whatever is dropped on it as a snapshot: a plan dropped here stops before that.
  const stop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
  };
  return (
    <label
      className={over ? 'plan-picker over' : 'plan-picker'}
      onDragEnter={(e) => {
        stop(e);
        setOver(true);
      }}
      onDragOver={stop}
      onDragLeave={(e) => {
        stop(e);
        setOver(false);
      }}
      onDrop={(e) => {
        stop(e);
        setOver(false);
        read(e.dataTransfer.files[0]);
      }}
    >
      <input
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          read(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <span className="btn btn-small">Import Terraform plan…</span>
      {readError && <span className="impact-error-text">{readError}</span>}
    </label>
  );
}

function ComparePicker() {
  const store = useImpactStore();
  const { snapshots } = useAppState();
  const [older, setOlder] = useState('');
  const [newer, setNewer] = useState('');
  if (snapshots.length < 2) return null;
  const options = snapshots.map((s) => (
    <option key={s.id} value={s.id}>
      {s.name}
    </option>
  ));
  return (
    <form
      className="compare-picker"
      onSubmit={(e) => {
        e.preventDefault();
        store.compare(Number(older), Number(newer));
      }}
    >
      <SnapshotSelect
        caption="Compare"
        label="Before (older snapshot)"
        placeholder="before…"
        value={older}
        onChange={setOlder}
        options={options}
      />
      <SnapshotSelect
        caption="with"
        label="After (newer snapshot)"
        placeholder="after…"
        value={newer}
        onChange={setNewer}
        options={options}
      />
      <button type="submit" className="btn btn-small" disabled={!older || !newer || older === newer}>
        Compare
      </button>
    </form>
  );
}

const legend = [
  ['breaks', 'dependency breaks'],
  ['restored', 'restored or opens'],
  ['closed', 'flow closes'],
  ['undecided', 'becomes undecidable'],
  ['edited', 'edited segment'],
] as const;

/** How the views draw the impact, next to what causes it. */
function ImpactLegend() {
  return (
    <ul className="impact-legend" aria-label="How the views show the impact">
      {legend.map(([effect, label]) => (
        <li key={effect}>
          <span className={`impact-swatch swatch-${effect}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}

function SnapshotSelect(props: {
  readonly caption: string;
  readonly label: string;
  readonly placeholder: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: ReactNode;
}) {
  return (
    <label className="filter">
      <span>{props.caption}</span>
      <select
        className="text-input"
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{props.placeholder}</option>
        {props.options}
      </select>
    </label>
  );
}
