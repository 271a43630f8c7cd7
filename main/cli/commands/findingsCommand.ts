import { findingsMarkdown } from '../../core/findings/markdown';
import { type FindingKind, findingKinds, type Severity } from '../../core/findings/types';
import { ExitCode, UsageError } from '../exitCodes';
import { formatTable } from '../format';
import type { CliIo } from '../io';
import { dbOption, type ParsedCommand, parseCommand, stringOption } from '../options';
import { openService } from '../progress';
import { readSnapshotId, snapshotOption } from '../snapshotOption';

const options = {
  ...dbOption,
  ...snapshotOption,
  md: { type: 'boolean' },
  kind: { type: 'string' },
  severity: { type: 'string' },
  owner: { type: 'string' },
} as const;

const severities: readonly Severity[] = ['high', 'medium', 'low'];

/** A comma-separated flag whose every value must be one of `allowed`. */
function listOption<T extends string>(
  parsed: ParsedCommand,
  flag: string,
  allowed: readonly T[],
): T[] | undefined {
  const text = stringOption(parsed, flag);
  if (text === undefined) return undefined;
  const values = text.split(',').map((v) => v.trim());
  const wrong = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (wrong.length)
    throw new UsageError(`findings: --${flag} takes ${allowed.join(', ')}; not ${wrong.join(', ')}`);
  return values as T[];
}

export async function findingsCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('findings', args, options);
  if (parsed.json && parsed.values.md) throw new UsageError('findings: choose --json or --md, not both');
  const snapshotId = readSnapshotId(parsed, 'findings');
  const kinds = listOption<FindingKind>(parsed, 'kind', findingKinds);
  const chosenSeverities = listOption<Severity>(parsed, 'severity', severities);
  const owner = stringOption(parsed, 'owner');
  const { service, close, io: out } = await openService(io, { dbFile: parsed.db, existing: true });
  try {
    const report = await service.findingsReport({
      ...(snapshotId ? { snapshotId } : {}),
      ...(kinds ? { kinds } : {}),
      ...(chosenSeverities ? { severities: chosenSeverities } : {}),
      ...(owner ? { owner } : {}),
    });
    if (parsed.json) {
      out.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else if (parsed.values.md) {
      const snapshots = await service.listSnapshots();
      const name = snapshots.find((s) => s.id === (snapshotId ?? snapshots[0]?.id))?.name ?? 'snapshot';
      out.stdout(`${findingsMarkdown(name, report.findings, report.alignment)}\n`);
    } else {
      out.stdout(
        formatTable(
          ['SEVERITY', 'KIND', 'FINDING', 'OWNERS'],
          report.findings.map((f) => [f.severity, f.kind, f.title, f.owners.join(', ')]),
        ),
      );
    }
    return ExitCode.ok;
  } finally {
    close();
  }
}
