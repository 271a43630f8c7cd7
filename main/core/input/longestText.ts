/**
 * No field a reader asks for is longer in a real export: AWS caps names and descriptions at 255
 * characters and tag values at 256, Kubernetes names at 253, Backstage entity names at 63, and ARNs
 * run to about 2,000. A longer one is a mistake or an attack, and would be repeated in every finding
 * and report that shows it (a 100 MB group name took the findings past 4 GB).
 */
export const longestText = 4096;

/** What is wrong with the length of a string a reader asks for, or null when nothing is. */
export function tooLongProblem(text: string): string | null {
  if (text.length <= longestText) return null;
  return `expected a string of at most ${longestText.toLocaleString('en-US')} characters, got one of ${text.length.toLocaleString('en-US')}`;
}
