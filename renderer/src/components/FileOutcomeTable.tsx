import type { FileOutcome } from '../../../preload/contract';
import { fileStatusText, formatCount } from '../format';

export function FileOutcomeTable({
  files,
  caption,
  refused = false,
}: {
  readonly files: readonly FileOutcome[];
  readonly caption: string;
  /** The import was refused: nothing of any file was imported. */
  readonly refused?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table outcome-table" data-testid="file-outcomes">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Records
            </th>
            <th scope="col">Reason</th>
            <th scope="col">Place</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.file} className={`outcome-${file.status}`} data-testid="file-outcome">
              <td className="file-cell" title={file.file}>
                {file.file}
              </td>
              <td>
                <span className={`status-badge status-${file.status}${refused ? ' refused' : ''}`}>
                  {fileStatusText(file.status, refused)}
                </span>
              </td>
              <td className="mono kind-cell">{file.kind ?? '—'}</td>
              <td className="num">{formatCount(file.records)}</td>
              <td className="reason-cell">{file.reason ?? ''}</td>
              <td className="mono place-cell">{file.place ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
