import type { ImpactReport } from '../types';

/** For automation: the report as the API returns it, with `schemaVersion` first (docs/impact.md). */
export function impactJson(report: ImpactReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
