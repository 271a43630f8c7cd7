import type { FlowVerdict } from '../../core/analysis/verdict';
import { BadInputError } from '../../core/domain/errors';
import type { FaultlineService } from '../../service/faultlineService';
import { ExitCode, UsageError } from '../exitCodes';
import { type FlowRow, readFlowsFile } from '../flowsFile';
import { formatTable } from '../format';
import type { CliIo } from '../io';
import { dbOption, parseCommand } from '../options';
import { openService } from '../progress';
import { readSnapshotId, snapshotOption } from '../snapshotOption';
import { verdictSummary, verdictWord } from '../verdictFormat';

const options = { ...dbOption, ...snapshotOption } as const;

type Outcome =
  | { row: number; verdict: FlowVerdict; error: null }
  | { row: number; fields: readonly string[]; verdict: null; error: string };

/**
 * Checks every flow of a CSV file against one snapshot, in input order. A bad row is reported on its
 * own line and the others still run; the exit code is 1 if any row was bad.
 */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('check', args, options);
  if (parsed.positionals.length !== 1) throw new UsageError('check: give exactly one FLOWS.csv');
  const snapshotId = readSnapshotId(parsed, 'check');
  const rows = readFlowsFile(parsed.positionals[0] as string);
  const { service, close, io: out } = await openService(io, { dbFile: parsed.db, existing: true });
  const outcomes: Outcome[] = [];
  try {
    for (const row of rows) {
      const outcome = await checkRow(service, row, snapshotId);
      outcomes.push(outcome);
      if (parsed.json)
        out.stdout(
          `${JSON.stringify(outcome.error === null ? { row: outcome.row, ...outcome.verdict } : outcome)}\n`,
        );
    }
  } finally {
    close();
  }
  if (!parsed.json) io.stdout(verdictTable(outcomes));
  const bad = outcomes.filter((o) => o.error !== null).length;
  if (bad > 0) io.stderr(`faultline: ${bad} of ${rows.length} row(s) could not be checked.\n`);
  return bad > 0 ? ExitCode.badInput : ExitCode.ok;
}

async function checkRow(
  service: FaultlineService,
  row: FlowRow,
  snapshotId: number | undefined,
): Promise<Outcome> {
  const unchecked = (error: string): Outcome => ({ row: row.line, fields: row.fields, verdict: null, error });
  if (!row.flow) return unchecked(row.error ?? 'unreadable row');
  try {
    const verdict = await service.checkFlow({ ...row.flow, ...(snapshotId ? { snapshotId } : {}) });
    return { row: row.line, verdict, error: null };
  } catch (error) {
    if (error instanceof BadInputError) return unchecked(error.message);
    throw error;
  }
}

function verdictTable(outcomes: readonly Outcome[]): string {
  return formatTable(
    ['ROW', 'SOURCE', 'DESTINATION', 'PROTOCOL', 'PORT', 'VERDICT', 'DECIDED BY'],
    outcomes.map((outcome) => {
      const { row, verdict } = outcome;
      if (verdict === null) {
        // As written, so the row can be found and mended; a row of too many fields shows its first four.
        const [source = '', destination = '', protocol = '', port = ''] = outcome.fields;
        return [String(row), source, destination, protocol, port, 'ERROR', outcome.error];
      }
      return [
        String(row),
        verdict.source.input,
        verdict.destination.input,
        verdict.protocol,
        verdict.port === null ? '' : String(verdict.port),
        verdictWord(verdict),
        verdictSummary(verdict),
      ];
    }),
  );
}
