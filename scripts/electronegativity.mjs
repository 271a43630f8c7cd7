#!/usr/bin/env node
/**
 * Runs Electronegativity offline over the shipped sources and fails on any finding that is not
 * explained in scripts/electronegativity-accepted.json (each with the reason it is acceptable).
 * It uses the library API: the CLI's report file is written without waiting and can come out torn.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runElectronegativity = createRequire(import.meta.url)('@doyensec/electronegativity');
const accepted = JSON.parse(readFileSync(join(root, 'scripts/electronegativity-accepted.json'), 'utf8'));
// The shipped sources: the Electron shell and everything it loads, plus package.json.
const shipped = ['package.json', 'main', 'preload', 'renderer'];
const work = mkdtempSync(join(tmpdir(), 'faultline-eneg-'));

try {
  for (const entry of shipped) cpSync(join(root, entry), join(work, entry), { recursive: true });
  const { issues, errors } = await runElectronegativity({
    input: work,
    // The only check that needs the network: it fetches Electron's release notes.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    isRelative: true,
  });
  if (errors.length > 0) console.warn(`Electronegativity could not parse ${errors.length} file(s).`);
  const findings = issues.map((issue) => ({
    issue: issue.id,
    file: relative(work, join(work, issue.file)),
    location: `${issue.location.line}:${issue.location.column}`,
  }));
  const reasonFor = (f) => accepted.find((a) => a.issue === f.issue && a.file === f.file)?.reason;
  for (const f of findings) {
    const reason = reasonFor(f);
    console.log(
      `${reason ? 'accepted   ' : 'UNEXPLAINED'}  ${f.issue}  ${f.file}:${f.location}  ${reason ?? ''}`,
    );
  }
  const unexplained = findings.filter((f) => !reasonFor(f));
  if (unexplained.length > 0) {
    console.error(
      `${unexplained.length} finding(s) not explained in scripts/electronegativity-accepted.json.`,
    );
    process.exitCode = 1;
  } else {
    console.log(`Electronegativity: ${findings.length} finding(s), all reviewed and explained.`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
