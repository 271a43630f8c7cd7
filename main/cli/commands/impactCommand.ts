import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImpactRequest } from '../../../preload/contract';
import { BadInputError } from '../../core/domain/errors';
import { readChangeFile } from '../../core/impact/changeSchema';
import { type ReportFormat, renderImpact, reportFormats } from '../../core/impact/report/index';
import type { ImpactReport } from '../../core/impact/types';
import { chromiumPdfPrinter } from '../../service/chromiumPdf';
import { PdfError } from '../../service/pdfPrinter';
import { ExitCode, UsageError } from '../exitCodes';
import type { CliIo } from '../io';
import { dbOption, type ParsedCommand, parseCommand, stringOption } from '../options';
import { openService } from '../progress';
import { parseSnapshotId, readSnapshotId, snapshotOption } from '../snapshotOption';

const options = {
  ...dbOption,
  ...snapshotOption,
  plan: { type: 'string' },
  change: { type: 'string' },
  compare: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

/**
 * The exit code a pipeline gates on: something that works now would break, a dependency or a
 * connection from outside that the flow logs saw.
 */
export const somethingBreaks = 3;

type Format = ReportFormat | 'pdf';

/**
 * What a change breaks and opens, before it is made: a CHANGE.json, a Terraform plan or two snapshots.
 * Exit 3 when a dependency or a connection from outside the flow logs saw breaks, 0 otherwise; 1 for
 * bad input, 2 for usage.
 */
export async function impactCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommand('impact', args, options);
  const format = readFormat(parsed);
  const outFile = stringOption(parsed, 'out');
  if (format === 'pdf' && outFile === undefined)
    throw new UsageError('impact: --format pdf needs --out FILE');
  // Usage errors and unreadable files are told before any work on the workspace.
  const request = requestOf(parsed);
  const {
    service,
    close,
    io: out,
  } = await openService(io, {
    dbFile: parsed.db,
    existing: true,
    printPdf: chromiumPdfPrinter(),
  });
  let report: ImpactReport;
  try {
    if (format === 'pdf') {
      const printed = await service.impactPdf(request);
      report = printed.report;
      writeFileSync(outFile as string, printed.data);
    } else {
      report = await service.impact(request);
      if (outFile === undefined) out.stdout(renderImpact(report, format));
      else writeFileSync(outFile, renderImpact(report, format));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof BadInputError || error instanceof PdfError) {
      out.stderr(`faultline: ${error.message}\n`);
      return ExitCode.badInput;
    }
    if (code === undefined) throw error;
    out.stderr(`faultline: cannot write ${outFile}: ${code}\n`);
    return ExitCode.badInput;
  } finally {
    close();
  }
  if (outFile !== undefined) io.stderr(`Wrote ${outFile} (risk ${report.risk.level}).\n`);
  const breaks =
    report.figures.dependenciesBroken > 0 || report.outsideFlows.some((flow) => flow.after === false);
  return breaks ? somethingBreaks : ExitCode.ok;
}

function readFormat(parsed: ParsedCommand): Format {
  const text = stringOption(parsed, 'format') ?? (parsed.json ? 'json' : 'md');
  const allowed: readonly string[] = [...reportFormats, 'pdf'];
  if (!allowed.includes(text))
    throw new UsageError(`impact: --format takes ${allowed.join(', ')}; not ${text}`);
  if (parsed.json && text !== 'json') throw new UsageError('impact: --json is --format json; give one');
  return text as Format;
}

function requestOf(parsed: ParsedCommand): ImpactRequest {
  const [plan, change, compare] = (['plan', 'change', 'compare'] as const).map((flag) =>
    stringOption(parsed, flag),
  );
  if ([plan, change, compare].filter((one) => one !== undefined).length !== 1)
    throw new UsageError(
      'impact: give one of --plan PLAN.json, --change CHANGE.json or --compare SNAP_A SNAP_B',
    );
  const snapshotId = readSnapshotId(parsed, 'impact');
  const atSnapshot = snapshotId === undefined ? {} : { snapshotId };
  if (compare !== undefined) {
    if (snapshotId !== undefined)
      throw new UsageError('impact: --compare names both snapshots; drop --snapshot');
    if (parsed.positionals.length !== 1)
      throw new UsageError('impact: --compare takes two snapshot ids: --compare SNAP_A SNAP_B');
    return {
      compare: [
        parseSnapshotId(compare, 'impact', '--compare'),
        parseSnapshotId(parsed.positionals[0] as string, 'impact', '--compare'),
      ],
    };
  }
  if (parsed.positionals.length > 0)
    throw new UsageError(`impact: unexpected ${parsed.positionals.join(' ')}`);
  if (plan !== undefined) {
    return { ...atSnapshot, plan: { name: basename(plan), data: readInput(plan) } };
  }
  const file = change as string;
  return { ...atSnapshot, change: readChangeFile(basename(file), readInput(file)) };
}

function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new BadInputError(`cannot read ${file}: ${code}`);
  }
}
