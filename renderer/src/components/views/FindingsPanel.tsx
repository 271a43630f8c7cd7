import { findingKindLabels } from '../../graph/findingKinds';
import type { Finding, ViewIndex } from '../../graph/viewData';
import { useViewStore } from '../../state/useViewState';
import type { ViewState } from '../../state/viewStore';

const severityOrder = { high: 0, medium: 1, low: 2 } as const;

/** Where apps and segments disagree; choosing one focuses both views on its objects. */
export function FindingsPanel({ state, index }: { state: ViewState; index: ViewIndex }) {
  const store = useViewStore();
  const kind = state.filters.findingKind;
  const findings = index.data.findings.findings
    .filter((f) => kind === null || f.kind === kind)
    .toSorted(
      (a, b) => severityOrder[a.severity] - severityOrder[b.severity] || a.title.localeCompare(b.title),
    );
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
          {findings.map((finding) => (
            <FindingItem
              key={finding.id}
              finding={finding}
              chosen={state.focus?.findingId === finding.id}
              onChoose={() => store.chooseFinding(finding)}
            />
          ))}
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
