import { displayPath } from '../../cli/formats/location';
import { allFindings, isDrift, type DeployedReport } from './deployedReport';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Findings grouped by resource id, then what could not be read, then a summary line. */
export function formatDeployedText(report: DeployedReport): string {
  const out: string[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  let current: string | undefined;
  for (const finding of allFindings(report)) {
    if (finding.resourceId !== current) {
      if (current !== undefined) out.push('');
      current = finding.resourceId;
      out.push(current);
    }
    counts[finding.severity]++;
    const property = finding.property ? ` (${finding.property})` : '';
    out.push(`  ${finding.severity.padEnd(7)}  ${finding.message}${property}  ${finding.ruleId}`);
    if (isDrift(finding)) out.push(`           declared at ${displayPath(finding.template.file, report.base)}:${finding.template.line}:${finding.template.column}`);
    for (const related of finding.related ?? []) out.push(`           ${related.message}: ${related.resourceId}`);
  }
  if (current !== undefined) out.push('');
  const { problems, resources } = report.snapshot;
  if (problems.length > 0) {
    out.push('Not read:');
    for (const problem of problems) out.push(`  ${problem.message}`);
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info;
  const read = `${plural(resources.length, 'resource')} read${problems.length > 0 ? `, ${plural(problems.length, 'part')} of the scan failed` : ''}`;
  out.push(total === 0 ? `No problems; ${read}.` : `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info); ${read}.`);
  return out.join('\n') + '\n';
}
