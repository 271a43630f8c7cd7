import type { ImpactReport } from '../types';
import { impactHtml } from './html';
import { impactJson } from './json';
import { impactMarkdown } from './markdown';

export type ReportFormat = 'md' | 'html' | 'json';

export const reportFormats: readonly ReportFormat[] = ['md', 'html', 'json'];

const writers: Record<ReportFormat, (report: ImpactReport) => string> = {
  md: impactMarkdown,
  html: impactHtml,
  json: impactJson,
};

export function renderImpact(report: ImpactReport, format: ReportFormat): string {
  return writers[format](report);
}
