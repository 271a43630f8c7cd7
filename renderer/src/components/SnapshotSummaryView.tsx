import type { SnapshotSummary } from '../../../preload/contract';
import { formatBytes, formatCount, formatDateTime, plural, sourcesOf, summaryCounts } from '../format';

export function SnapshotSummaryView({ snapshot }: { readonly snapshot: SnapshotSummary }) {
  return (
    <section className="summary" aria-labelledby="summary-heading" data-testid="snapshot-summary">
      <header className="summary-header">
        <h1 id="summary-heading">{snapshot.name}</h1>
        <p className="summary-meta">
          {sourcesOf(snapshot).map((source) => (
            <span key={source} className="provider-badge">
              {source.toUpperCase()}
            </span>
          ))}
          Imported <time dateTime={snapshot.importedAt}>{formatDateTime(snapshot.importedAt)}</time> from{' '}
          {plural(snapshot.files.length, 'source file')}
        </p>
      </header>
      <dl className="count-grid">
        {summaryCounts(snapshot).map(({ label, value }) => (
          <div key={label} className={value === 0 ? 'count-cell zero' : 'count-cell'}>
            <dt>{label}</dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      <details className="source-files">
        <summary>Source files ({snapshot.files.length})</summary>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Records
                </th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.files.map((file) => (
                <tr key={file.file}>
                  <td className="file-cell" title={file.file}>
                    {file.file}
                  </td>
                  <td className="mono">{file.kind ?? '—'}</td>
                  <td className="num">{formatCount(file.records)}</td>
                  <td className="num">{formatBytes(file.size)}</td>
                  <td>
                    <span className={`status-badge status-${file.status}`}>{file.status}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
