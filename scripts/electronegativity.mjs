#!/usr/bin/env node
/**
 * Runs Electronegativity offline over the app's sources and fails on any finding that is not
 * explained in scripts/electronegativity-accepted.json (each with the reason it is acceptable).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const accepted = JSON.parse(readFileSync(join(root, 'scripts/electronegativity-accepted.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'faultline-eneg-'));
const report = join(work, 'report.csv');

try {
  // The scan covers the shipped code: the Electron shell, the preload and the renderer, plus package.json.
  const run = spawnSync(
    join(root, 'node_modules/.bin/electronegativity'),
    ['-i', root, '-x', 'AvailableSecurityFixesGlobalCheck', '-r', '-v', 'false', '-o', report],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`electronegativity exited with ${run.status}`);
  }
  const findings = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [issue, , , file, location] = line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
      return { issue, file, location };
    })
    .filter((f) => !/^(node_modules|out|test|bench|scripts)\//.test(f.file));
  const unexplained = findings.filter((f) => !accepted.some((a) => a.issue === f.issue && a.file === f.file));
  for (const f of findings) {
    const reason = accepted.find((a) => a.issue === f.issue && a.file === f.file)?.reason;
    console.log(
      `${reason ? 'accepted' : 'UNEXPLAINED'}  ${f.issue}  ${f.file}:${f.location}${reason ? `  (${reason})` : ''}`,
    );
  }
  if (unexplained.length > 0) {
    console.error(
      `${unexplained.length} Electronegativity finding(s) not explained in scripts/electronegativity-accepted.json.`,
    );
    process.exit(1);
  }
  console.log(`Electronegativity: ${findings.length} finding(s), all reviewed and explained.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
