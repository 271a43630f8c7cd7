import type { ReactNode } from 'react';
import type { ImpactProgress, ImpactReport } from '../../../../preload/contract';
import { protocolPort } from '../../format';
import type { ViewIndex } from '../../graph/viewData';
import { useImpactState } from '../../state/useImpactState';
import { ReportButtons } from './ReportButtons';
import { changeLines, count, flowLines, flowsByApp, portsText, reachWord } from './reportText';

const phaseText: Readonly<Record<ImpactProgress['phase'], string>> = {
  applying: 'applying the change',
  comparing: 'comparing rules and members',
  'flows-before': 'flows before the change',
  'flows-after': 'flows after the change',
  dependencies: 'dependencies',
  exposure: 'connections with the internet',
  approvers: 'owners and approvers',
};

/** The flow graphs are counted in workload classes once these are known; the other steps are one each. */
function classCount({ phase, done, total }: ImpactProgress): string | null {
  const counted = (phase === 'flows-before' || phase === 'flows-after') && total > 0;
  return counted ? `, ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} classes` : null;
}

/** The impact of the pending edits, plan or comparison: what breaks and opens, who must approve, the risk. */
export function ImpactPanel({ index }: { index: ViewIndex }) {
  const { status, report, error, progress } = useImpactState();
  return (
    <section className="impact-panel" aria-labelledby="impact-heading" data-testid="impact-panel">
      <header className="panel-header">
        <h2 id="impact-heading">Impact</h2>
        {report && status !== 'failed' && (
          <span className={`risk risk-${report.risk.level}`} data-testid="impact-risk">
            {report.risk.level.toUpperCase()} risk
          </span>
        )}
        <span className="impact-status" role="status" aria-live="polite">
          {status === 'running' && (
            <>
              <span className="spinner" aria-hidden="true" />
              <span>
                Computing the impact{progress && `: ${phaseText[progress.phase]}`}
                {/* The live region announces each step, not each count. */}
                {progress && <span aria-hidden="true">{classCount(progress)}</span>}…
              </span>
            </>
          )}
        </span>
        <ReportButtons />
      </header>
      <div className="impact-body" aria-busy={status === 'running'}>
        {error && (
          <div className="impact-error" role="alert">
            <strong>The impact could not be computed.</strong> {error.message}
            {error.place && (
              <>
                {' '}
                <span className="muted">at</span> <code>{error.place}</code>
              </>
            )}
          </div>
        )}
        {!report && !error && status !== 'running' && (
          <p className="muted panel-empty">
            Nothing to evaluate: make a what-if edit, import a plan or compare two snapshots.
          </p>
        )}
        {report && <ReportView report={report} index={index} />}
      </div>
    </section>
  );
}

function ReportView({ report, index }: { report: ImpactReport; index: ViewIndex }) {
  const { risk, figures, dependencies, exposure, approvers, notEvaluated, subject } = report;
  const name = (id: string) => index.workloads.get(id)?.service ?? index.workloads.get(id)?.name ?? id;
  const addedExposure = exposure.filter((e) => e.added.length > 0);
  const byApp = flowsByApp(report);
  const changes = changeLines(report.changes);
  return (
    <>
      <p className="impact-subject">
        {subject.title}
        {/* A comparison's title already names both snapshots. */}
        {subject.kind !== 'compare' && <span className="muted"> · {subject.after.name}</span>}
      </p>
      <ul className="risk-reasons">
        {risk.reasons.length === 0 ? (
          <li>Nothing breaks, nothing is exposed, nothing opens that no dependency needs.</li>
        ) : null}
        {risk.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p className="impact-figures muted">
        {count(figures.workloadsAffected, 'workload', 'workloads')} affected ·{' '}
        {count(figures.dependenciesBroken, 'dependency breaks', 'dependencies break')} ·{' '}
        {count(figures.pairsOpened, 'pair opens', 'pairs open')} ·{' '}
        {count(figures.pairsClosed, 'pair closes', 'pairs close')} ·{' '}
        {count(figures.unneededOpenings, 'unneeded opening', 'unneeded openings')}
      </p>
      <Section title="Dependencies that change" count={dependencies.length} testId="impact-dependencies">
        <ul className="impact-list">
          {dependencies.map((d) => (
            <li key={`${d.from}->${d.to}:${d.protocol}/${d.port}`}>
              <span className={`effect effect-${d.effect}`}>{d.effect.replace('-', ' ')}</span>{' '}
              <strong>
                {d.from} → {d.to}
              </strong>{' '}
              <span className="muted">
                {protocolPort(d.protocol, d.port)} · {d.source} · {d.newlyBlocked} of {d.workloadPairs} pairs
                newly blocked
                {d.newlyAllowed > 0 ? ` · ${d.newlyAllowed} newly allowed` : ''}
              </span>
              {d.examples[0]?.reason && <div className="impact-reason muted">{d.examples[0].reason}</div>}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Flows by app" count={byApp.length} testId="impact-apps">
        <ul className="impact-list">
          {byApp.map(({ app, flows }) => (
            <li key={app.app}>
              <details>
                <summary>
                  <strong>{app.app}</strong>{' '}
                  <span className="muted">({app.owners.join(', ') || 'no owner recorded'})</span>{' '}
                  {app.pairsClosed > 0 && (
                    <span className="effect effect-closed">
                      {count(app.pairsClosed, 'pair closes', 'pairs close')}
                    </span>
                  )}{' '}
                  {app.pairsOpened > 0 && (
                    <span className="effect effect-opened">
                      {count(app.pairsOpened, 'pair opens', 'pairs open')}
                    </span>
                  )}{' '}
                  {app.dependenciesBroken > 0 && (
                    <span className="effect effect-breaks">
                      {count(app.dependenciesBroken, 'dependency breaks', 'dependencies break')}
                    </span>
                  )}{' '}
                  {app.exposureAdded > 0 && (
                    <span className="effect effect-breaks">{app.exposureAdded} exposed</span>
                  )}{' '}
                  {app.outsideStopped > 0 && (
                    <span className="effect effect-breaks">
                      {count(
                        app.outsideStopped,
                        'connection from outside stops',
                        'connections from outside stop',
                      )}
                    </span>
                  )}
                </summary>
                <ul className="flow-list">
                  {flowLines(flows, name).map((line) => (
                    <li key={JSON.stringify(line)}>
                      {line.from} → {line.to} <span className="muted">{line.protocol}</span>
                      {line.opened && <span className="flow-opened"> opens {line.opened}</span>}
                      {line.closed && <span className="flow-closed"> closes {line.closed}</span>}
                      {line.undecided && (
                        <span className="flow-undecided"> undecidable {line.undecided}</span>
                      )}
                      <span className="muted">
                        {' · '}
                        {count(line.pairs, 'pair', 'pairs')}
                        {line.neededBy.length > 0
                          ? ` · needed by ${line.neededBy.join(', ')}`
                          : ' · no dependency needs it'}
                      </span>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Exposure added" count={addedExposure.length} testId="impact-exposure">
        <ul className="impact-list">
          {addedExposure.map((e) => (
            <li key={`${e.workloadId}:${e.protocol}`}>
              <span className={`effect ${e.reachable === false ? 'effect-undecided' : 'effect-breaks'}`}>
                {reachWord(e.reachable)}
              </span>{' '}
              {name(e.workloadId)} <span className="muted">{e.publicAddress}</span> {e.protocol}{' '}
              {portsText(e.added)} from the internet
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title="Connections out to the internet"
        count={report.internetEgress.length}
        testId="impact-egress"
      >
        <ul className="impact-list">
          {report.internetEgress.map((e) => (
            <li
              key={`${e.protocol}:${e.family}:${e.workloadIds.join(',')}:${portsText(e.removed)}:${portsText(e.added)}:${portsText(e.kept)}`}
            >
              <EgressBadges change={e} /> {someNames(e.workloadIds, name)}{' '}
              <span className="muted">
                ({count(e.workloadIds.length, 'workload', 'workloads')}
                {e.apps.length ? ` of ${e.apps.join(', ')}` : ''})
              </span>{' '}
              {e.protocol === '-1' ? 'all traffic' : e.protocol} to the internet
              {e.family === 6 ? ' over IPv6' : ''}
              {e.protocol !== '-1' && e.removed.length > 0 && (
                <span className="flow-closed"> closes {portsText(e.removed)}</span>
              )}
              {e.protocol !== '-1' && e.added.length > 0 && (
                <span className="flow-opened"> opens {portsText(e.added)}</span>
              )}
              {e.kept.length > 0 && (
                <span className={e.keptGetsOut === true ? 'flow-opened' : 'flow-closed'}>
                  {e.protocol === '-1' ? '' : ` on ${portsText(e.kept)}`} gets out: {wayOutText(e.keptGotOut)}{' '}
                  → {wayOutText(e.keptGetsOut)} (an ACL or route changed)
                </span>
              )}
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title="Connections from outside (flow logs)"
        count={report.outsideFlows.length}
        testId="impact-outside"
      >
        <ul className="impact-list">
          {report.outsideFlows.map((flow) => (
            <OutsideFlowItem
              key={`${flow.client}>${flow.workloadId}:${flow.protocol}/${flow.port}`}
              flow={flow}
              name={name}
            />
          ))}
        </ul>
      </Section>
      <Section title="Owners who must approve" count={figures.ownersToApprove} testId="impact-approvers">
        <ul className="impact-list">
          {approvers.map((a) => (
            <li key={a.owner}>
              <strong>{a.owner}</strong> <span className="muted">— {a.reasons.join('; ')}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="What changes" count={changes.length} testId="impact-changes">
        <ul className="impact-list">
          {changes.map((line) => (
            <li key={`${line.effect} ${line.text}`}>
              <span className={`effect effect-${line.effect}`}>{line.effect}</span> <code>{line.text}</code>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Not evaluated" count={notEvaluated.length} testId="impact-not-evaluated">
        <ul className="impact-list">
          {notEvaluated.map((n) => (
            <li key={`${n.where}:${n.what}`}>
              <code>{n.where}</code>: {n.what}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

/** A conversation from outside that the change stops, as the flow logs saw it. */
function OutsideFlowItem({
  flow,
  name,
}: {
  flow: ImpactReport['outsideFlows'][number];
  name: (id: string) => string;
}) {
  const stops = flow.after === false;
  return (
    <li>
      <span className={`effect ${stops ? 'effect-breaks' : 'effect-undecided'}`}>
        {stops ? 'stops' : 'may stop'}
      </span>{' '}
      {flow.client} → {name(flow.workloadId)}{' '}
      <span className="muted">
        {protocolPort(flow.protocol, flow.port)} · {flow.service}
        {flow.app ? ` (${flow.app})` : ''} · {count(flow.records, 'record', 'records')} in the logs
      </span>
      <div className="impact-reason muted">{flow.reason}</div>
    </li>
  );
}

function Section({
  title,
  count,
  testId,
  children,
}: {
  title: string;
  count: number;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div className="impact-section" data-testid={testId}>
      <h3>
        {title} <span className="section-count">{count}</span>
      </h3>
      {count === 0 ? <p className="muted">None.</p> : children}
    </div>
  );
}

/** The distinct names of some workloads (their services, mostly), the first three of them. */
function someNames(ids: readonly string[], name: (id: string) => string): string {
  const names = [...new Set(ids.map(name))];
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3} more` : names.join(', ');
}

/** Whether connections out stop or open, or a removed or added opening changes nothing yet. */
function EgressBadges({ change: e }: { change: ImpactReport['internetEgress'][number] }) {
  const stops = e.removedGotOut === true || e.keptGotOut === true;
  const opens = e.addedGetsOut === true || e.keptGetsOut === true;
  return (
    <>
      {stops && <span className="effect effect-closed">stops</span>}
      {!stops && e.removed.length > 0 && <span className="effect effect-undecided">stopped already</span>}
      {opens && <span className="effect effect-opened">opens</span>}
      {!opens && e.added.length > 0 && <span className="effect effect-undecided">latent</span>}
    </>
  );
}

const wayOutText = (wayOut: boolean | 'unknown' | null) =>
  wayOut === 'unknown' ? 'cannot tell' : wayOut ? 'yes' : 'no';
