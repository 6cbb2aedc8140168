import type { Fix, Rule } from 'ztlint/lint/ruleApi';
import type { Value } from 'ztlint/model/value';
import { capitalized, coversAllPorts, exposure, parseRule, securityRules, sensitiveHits, showPorts, type ParsedRule } from './nsg';

const RESTRICTED_SOURCE = 'VirtualNetwork';

export const networkNsgOpenToInternet: Rule = {
  id: 'network-nsg-open-to-internet',
  title: 'NSG rule opens management or data ports to the internet',
  severity: 'error',
  area: 'network',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    const parsed = securityRules(context).flatMap((rule) => parseRule(rule) ?? []);
    const denies = parsed.filter((p) => !p.allow);
    for (const allow of parsed) {
      if (!allow.allow || (allow.internetSources.length === 0 && !allow.unknown)) continue;
      if (allow.unknown) {
        context.cannotVerify(allow.unknown, `whether ${allow.rule.label} opens ports to the internet`);
        continue;
      }
      const open = exposure(allow, denies);
      const stillOpen = [...open.values()].some((ranges) => ranges.length > 0);
      const allPorts = coversAllPorts(allow.ports) && stillOpen;
      const hits = sensitiveHits(open);
      if (!allPorts && hits.length === 0) continue;

      const source = allow.internetSources[0];
      const shownSource = source.kind === 'string' ? source.value : '*';
      const management = allPorts || hits.some((h) => h.port.management);
      const data = allPorts || hits.some((h) => !h.port.management);
      const what = allPorts ? 'all ports' : hits.map((h) => `${showPorts(h.open)} (${h.port.service})`).join(', ');
      const advice = [
        management ? 'reach VMs through Azure Bastion or just-in-time VM access' : undefined,
        data ? 'reach data services through private endpoints' : undefined,
      ].filter(Boolean).join(', and ');
      context.report({
        message: `${capitalized(allow.rule.label)} allows inbound traffic from the internet (source '${shownSource}') to ${what}: restrict the source to known address ranges or \`${RESTRICTED_SOURCE}\`, and ${advice}`,
        at: source,
        ...fixFor(allow),
      });
    }
  },
};

/**
 * Narrows the source to the virtual network. Never safe to apply unattended: whoever connects from the
 * internet today, an administrator over SSH included, is cut off until another way in exists.
 */
function fixFor(allow: ParsedRule): { fix?: Fix } {
  const [open, ...more] = allow.internetSources;
  const alreadyThere = allow.sources.some((s) => s.kind === 'string' && s.value.toLowerCase() === RESTRICTED_SOURCE.toLowerCase());
  // Two internet entries in one list would both become `VirtualNetwork`, a duplicate Azure rejects.
  if (more.length > 0 || alreadyThere || !isLiteral(open)) return {};
  return { fix: { title: `Restrict the source to ${RESTRICTED_SOURCE}`, safe: false, intents: [{ kind: 'replace-value', value: open, with: RESTRICTED_SOURCE }] } };
}

function isLiteral(value: Value): boolean {
  return value.kind === 'string' && value.literal;
}
