import { useMemo, useState } from 'react';
import { findingKindLabels } from '../../graph/findingKinds';
import { findingsPerPage, sortedFindings, visibleFindings } from '../../graph/findingList';
import type { Finding, ViewIndex } from '../../graph/viewData';
import { useViewStore } from '../../state/useViewState';
import type { ViewState } from '../../state/viewStore';

/** Where apps and segments disagree; choosing one focuses both views on its objects. */
export function FindingsPanel({ state, index }: { state: ViewState; index: ViewIndex }) {
  const store = useViewStore();
  const kind = state.filters.findingKind;
  const all = index.data.findings.findings;
  const findings = useMemo(() => sortedFindings(all, kind), [all, kind]);
  // Back to the first page whenever the list itself changes (another kind, another snapshot).
  const [paging, setPaging] = useState({ of: findings, shown: findingsPerPage });
  const shown = paging.of === findings ? paging.shown : findingsPerPage;
  const visible = visibleFindings(findings, shown, state.focus?.findingId ?? null);
  const left = findings.length - Math.min(shown, findings.length);
  const { dependenciesAllowed, rulesUsed } = index.data.findings.alignment;
  return (
    <section className="findings-panel" aria-labelledby="findings-heading">
      <header className="panel-header">
        <h2 id="findings-heading">Findings</h2>
        <span className="count-pill">{findings.length}</span>
        <span className="muted alignment">
          {dependenciesAllowed.allowed}/{dependenciesAllowed.total} dependencies allowed · {rulesUsed.used}/
          {rulesUsed.total} rules used
        </span>
      </header>
      {findings.length === 0 ? (
        <p className="muted panel-empty">No findings{kind ? ' of this kind' : ''}.</p>
      ) : (
        <ul className="finding-list">
          {visible.map((finding) => (
            <FindingItem
              key={finding.id}
              finding={finding}
              chosen={state.focus?.findingId === finding.id}
              onChoose={() => store.chooseFinding(finding)}
            />
          ))}
          {left > 0 && (
            <li className="findings-more">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setPaging({ of: findings, shown: shown + findingsPerPage })}
              >
                Show {Math.min(left, findingsPerPage)} more ({left.toLocaleString('en-US')} not shown)
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function FindingItem({
  finding,
  chosen,
  onChoose,
}: {
  finding: Finding;
  chosen: boolean;
  onChoose: () => void;
}) {
  return (
    <li className={`finding ${chosen ? 'chosen' : ''}`} data-testid="finding">
      <button type="button" className="finding-choose" aria-pressed={chosen} onClick={onChoose}>
        <span className={`severity severity-${finding.severity}`}>{finding.severity}</span>
        <span className="finding-text">
          <span className="finding-kind">{findingKindLabels[finding.kind]}</span>
          <span className="finding-title">{finding.title}</span>
        </span>
      </button>
      {chosen && (
        <div className="finding-body">
          <p>{finding.explanation}</p>
          {finding.suggestion && (
            <p>
              <strong>Suggestion: </strong>
              {finding.suggestion}
            </p>
          )}
          <p className="muted">Owners: {finding.owners.join(', ') || 'none tagged'}</p>
        </div>
      )}
    </li>
  );
}
