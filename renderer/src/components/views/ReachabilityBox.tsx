import type { FlowVerdict } from '../../../../preload/contract';
import { protocolPort } from '../../format';
import { parseKey } from '../../graph/keys';
import { namedProtocols, portKind } from '../../state/reachProtocol';
import { useViewStore } from '../../state/useViewState';
import type { ViewState } from '../../state/viewStore';
import { ruleText } from './ruleText';

/** Keyed by string: layers the engine adds later still show, under their own name. */
const layerNames: Readonly<Record<string, string>> = {
  route: 'Route',
  'sg-egress': 'Security groups, egress',
  'nacl-outbound': 'Network ACL, outbound',
  'nacl-inbound': 'Network ACL, inbound',
  'sg-ingress': 'Security groups, ingress',
  'nacl-reply': 'Network ACL, reply',
  'k8s-egress': 'Kubernetes NetworkPolicy, egress',
  'k8s-ingress': 'Kubernetes NetworkPolicy, ingress',
};

/** The select's value while the protocol is given by its number, in the field beside it. */
const otherProtocol = 'number';

/** "Can A reach B on port P?", answered by the engine with the verdict of every layer. */
export function ReachabilityBox({ state }: { state: ViewState }) {
  const store = useViewStore();
  const { reach, answer } = state;
  const selected = parseKey(state.selection ?? '');
  const workload = selected?.kind === 'workload' ? selected.id : null;
  // Beside the protocol: its port or ICMP type, or, for a protocol given by number, that number.
  const kind = portKind(reach.protocol);
  const second =
    kind !== 'none'
      ? {
          label: kind === 'icmp-type' ? 'ICMP type' : 'Port',
          placeholder: undefined,
          value: reach.port,
          edit: (port: string) => ({ port }),
        }
      : {
          label: 'IP protocol',
          placeholder: '0-255',
          value: reach.protocol,
          edit: (protocol: string) => ({ protocol }),
        };
  return (
    <form
      className="reach-box"
      aria-labelledby="reach-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void store.checkReach();
      }}
    >
      <h3 id="reach-heading">Can A reach B?</h3>
      <div className="reach-fields">
        <label>
          <span>From</span>
          <input
            className="text-input"
            value={reach.source}
            placeholder="ENI, instance or IP"
            onChange={(e) => store.editReach({ source: e.target.value })}
          />
        </label>
        <label>
          <span>To</span>
          <input
            className="text-input"
            value={reach.destination}
            placeholder="ENI, instance or IP"
            onChange={(e) => store.editReach({ destination: e.target.value })}
          />
        </label>
        <label className="reach-protocol">
          <span>Protocol</span>
          {/* Named outright: a label around a select would also read out the chosen option. */}
          <select
            className="text-input"
            aria-label="Protocol"
            value={kind === 'none' ? otherProtocol : reach.protocol}
            onChange={(e) =>
              store.editReach({ protocol: e.target.value === otherProtocol ? '' : e.target.value })
            }
          >
            {namedProtocols.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            <option value={otherProtocol}>number</option>
          </select>
        </label>
        <label className="reach-port">
          <span>{second.label}</span>
          <input
            className="text-input"
            inputMode="numeric"
            placeholder={second.placeholder}
            value={second.value}
            onChange={(e) => store.editReach(second.edit(e.target.value))}
          />
        </label>
        <button
          type="submit"
          className="btn primary btn-small"
          disabled={answer.status === 'checking' || !reach.source || !reach.destination || !reach.protocol}
        >
          Check
        </button>
      </div>
      {workload && (
        <p className="reach-use">
          Use {workload} as{' '}
          <button type="button" className="btn-link" onClick={() => store.editReach({ source: workload })}>
            source
          </button>{' '}
          or{' '}
          <button
            type="button"
            className="btn-link"
            onClick={() => store.editReach({ destination: workload })}
          >
            destination
          </button>
        </p>
      )}
      <div aria-live="polite" data-testid="reach-answer">
        {answer.status === 'failed' && <p className="reach-error">{answer.message}</p>}
        {answer.status === 'answered' && <Answer verdict={answer.verdict} />}
      </div>
    </form>
  );
}

function Answer({ verdict }: { verdict: FlowVerdict }) {
  const word = verdict.allowed === true ? 'allowed' : verdict.allowed === false ? 'blocked' : 'unknown';
  return (
    <div className="reach-answer">
      <p>
        <span className={`verdict verdict-${word}`} data-testid="reach-verdict">
          {word}
        </span>{' '}
        {verdict.source.address} → {verdict.destination.address}{' '}
        {protocolPort(verdict.protocol, verdict.port)}
      </p>
      {verdict.range && (
        <p className="reach-range" data-testid="reach-range">
          {verdict[verdict.range.end].address} stands for {verdict.range.cidr}: {verdict.range.allowed} of{' '}
          {verdict.range.addresses} parts of it get through
          {verdict.range.unknown > 0 ? `, ${verdict.range.unknown} unknown` : ''}.
        </p>
      )}
      <ol className="layer-list">
        {verdict.explanation.map((layer) => (
          <li key={layer.layer} className={`layer layer-${layer.verdict}`}>
            <span className="layer-name">{layerNames[layer.layer] ?? layer.layer}</span>
            <span className={`layer-verdict layer-verdict-${layer.verdict}`}>{layer.verdict}</span>
            <p>{layer.reason}</p>
            {layer.rules.length > 0 && (
              <ul>
                {layer.rules.map((rule) => (
                  <li key={ruleText(rule)}>
                    <code>{ruleText(rule)}</code>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
