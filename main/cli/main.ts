import { BadInputError, NotFoundError } from '../core/domain/errors';
import { WorkspaceFileError } from '../store/workspace';
import { appsCommand } from './commands/appsCommand';
import { checkCommand } from './commands/checkCommand';
import { findingsCommand } from './commands/findingsCommand';
import { impactCommand } from './commands/impactCommand';
import { importCommand } from './commands/importCommand';
import { snapshotsCommand } from './commands/snapshotsCommand';
import { sourcesCommand } from './commands/sourcesCommand';
import { tagKeysCommand } from './commands/tagKeysCommand';
import { ExitCode, UsageError } from './exitCodes';
import { formatFiles } from './format';
import type { CliIo } from './io';
import { processIo } from './io';

const usage = `Usage: faultline <command> [options]

Commands:
  import --db FILE [--name NAME] [--json] PATH...
      Import AWS exports (JSON files, folders, .zip archives) as one snapshot.
      Limits: --max-file-mb N (256), --max-total-mb N (2048),
              --max-archive-entries N (10000), --max-compression-ratio N (200).
  snapshots --db FILE [--json]
      List the snapshots in a workspace, newest first.
  check --db FILE [--snapshot ID] [--json] FLOWS.csv
      Can each flow (header: source,destination,protocol,port) get through, and which
      rules decide it. Endpoints: ENI id, instance id or private IP; an internet
      address or CIDR at one end (a CIDR: can anything in it connect; a workload's
      public address is followed out and back in);
      for Kubernetes, namespace/pod, namespace/deployment (or other controller, or
      service) or a pod IP. FLOWS.csv \`-\` reads standard input.
      Default: newest snapshot.
  apps --db FILE [--snapshot ID] [--json]
      Applications, their services, workloads and owners, the unassigned workloads,
      and dependencies (declared, observed or both) with protocol and port.
  findings --db FILE [--snapshot ID] [--kind K,..] [--severity S,..] [--owner O] [--json | --md]
      Where application responsibilities and segment change scope disagree: blocked
      dependencies, over-permissive and unused rules, shared segments, fragmented apps,
      owner mismatches, exposure; with the alignment figures (--md for a change ticket).
  impact --db FILE (--change CHANGE.json | --plan PLAN.json | --compare SNAP_A SNAP_B)
         [--snapshot ID] [--format md|html|json|pdf] [--out FILE]
      What a change breaks and opens before it is made: dependencies that break, flows
      that open or close, exposure added, owners who must approve, a risk level.
      PLAN.json is \`terraform show -json PLANFILE\`; CHANGE.json: docs/change-format.md.
      PDF needs Chromium (CHROMIUM_PATH). Exit code 3 when a dependency or a connection
      from outside seen in the flow logs breaks.
  tag-keys --db FILE [--app KEYS] [--service KEYS] [--owner KEYS] [--json]
      Show or set the tag keys (comma-separated, first present wins) naming a
      workload's application, service and owner.
  sources --db FILE [--snapshot ID] --out DIR [--json]
      Write the AWS export files a snapshot was imported from, byte for byte as
      they were read (checked against their sha256), into DIR. Never overwrites.

Exit codes: 0 ok, 1 bad input, 2 usage error, 3 (impact) a dependency or a connection from
outside breaks.
`;

const commands: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  import: importCommand,
  snapshots: snapshotsCommand,
  check: checkCommand,
  apps: appsCommand,
  findings: findingsCommand,
  impact: impactCommand,
  'tag-keys': tagKeysCommand,
  sources: sourcesCommand,
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? io.stdout : io.stderr)(usage);
    return name ? ExitCode.ok : ExitCode.usage;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`faultline: unknown command "${name}"\n\n${usage}`);
    return ExitCode.usage;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io, name);
  }
}

function reportError(error: unknown, io: CliIo, command: string): number {
  if (error instanceof UsageError) {
    io.stderr(`faultline: ${error.message}\n\n${usage}`);
    return ExitCode.usage;
  }
  if (error instanceof BadInputError) {
    const where = [error.file, error.place].filter(Boolean).join(' at ');
    // Only an import writes to the workspace; other commands' bad input (a flows file, a change) has nothing to undo.
    const unchanged = command === 'import' ? 'Nothing was imported; the workspace is unchanged.\n' : '';
    // What became of each file says why none was read, or which were fine before the one that failed.
    const files =
      command === 'import' && error.files.length > 0 ? `Files:\n${formatFiles(error.files)}\n` : '';
    io.stderr(`faultline: ${error.message}\n${where ? `  in ${where}\n` : ''}${files}${unchanged}`);
    return ExitCode.badInput;
  }
  if (error instanceof NotFoundError || error instanceof WorkspaceFileError) {
    io.stderr(`faultline: ${error.message}\n`);
    return ExitCode.badInput;
  }
  io.stderr(
    `faultline: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.internal;
}
