import { displayPath } from '../../cli/formats/location';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { allFindings, isDrift, type DeployedReport } from './deployedReport';

/** A stable machine-readable report: the scope read, every finding with its resource id, and what failed. */
export function formatDeployedJson(report: DeployedReport): string {
  const { snapshot } = report;
  const findings = allFindings(report).map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    resourceId: f.resourceId,
    ...(f.property ? { property: f.property } : {}),
    ...(f.related && f.related.length > 0 ? { related: f.related } : {}),
    ...(isDrift(f) ? { drift: true, template: { ...f.template, file: displayPath(f.template.file, report.base) } } : {}),
  }));
  return (
    JSON.stringify(
      {
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        subscriptionId: snapshot.subscriptionId,
        resourceGroups: snapshot.resourceGroups,
        resourcesRead: snapshot.resources.length,
        findings,
        problems: snapshot.problems,
      },
      null,
      2,
    ) + '\n'
  );
}
