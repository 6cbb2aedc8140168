import type { Fix, Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { Lookup } from 'ztlint/model/lookup';
import { lookup } from 'ztlint/model/lookup';
import type { Resource, Template } from 'ztlint/model/template';
import type { Value } from 'ztlint/model/value';
import type { Range } from 'ztlint/text/range';
import { capitalized, leafName, nameOf } from './nsg';

const VNET_TYPE = 'Microsoft.Network/virtualNetworks';
const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';
const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups';

/** Subnets that Azure does not allow an NSG on, or whose service stops working with one. */
const NSG_NOT_SUPPORTED = new Set(['gatewaysubnet', 'azurefirewallsubnet', 'azurefirewallmanagementsubnet', 'routeserversubnet']);
/** Dedicated HSM subnets do not support NSGs either; they are recognised by their delegation. */
const NSG_NOT_SUPPORTED_DELEGATION = 'microsoft.hardwaresecuritymodules/dedicatedhsms';
/** Bastion works with an NSG only when it carries every rule Bastion needs, so it gets no generic one. */
const BASTION_SUBNET = 'azurebastionsubnet';

interface Subnet {
  /** the subnet's name; undefined when it is computed at deployment */
  readonly name?: string;
  /** who, and the verb that agrees: "subnet 'app' of `vnet` has" */
  readonly label: string;
  /** the subnet object: `name` and `properties` */
  readonly value: Value;
  readonly template: Template;
  readonly at: Range | Resource;
}

export const networkSubnetWithoutNsg: Rule = {
  id: 'network-subnet-without-nsg',
  title: 'Subnet has no network security group',
  severity: 'warning',
  area: 'network',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    const all = subnets(context);
    const bastionNsgs = new Set(all.filter((s) => s.name?.toLowerCase() === BASTION_SUBNET).flatMap((s) => nsgOf(s) ?? []));
    for (const subnet of all) {
      if (subnet.name !== undefined && NSG_NOT_SUPPORTED.has(subnet.name.toLowerCase())) continue;
      if (delegatedToDedicatedHsm(subnet.value)) continue;
      const nsg = lookup(subnet.value, 'properties.networkSecurityGroup');
      if (nsg.state === 'unknown') {
        context.cannotVerify(nsg, `whether ${subnet.label} a network security group`);
        continue;
      }
      if (nsg.state === 'known' && nsg.value.kind !== 'null') continue;
      const bastion = subnet.name?.toLowerCase() === BASTION_SUBNET;
      const advice = bastion
        ? 'associate an NSG with the inbound and outbound rules Azure Bastion requires'
        : 'associate an NSG that allows only the traffic the subnet needs';
      context.report({
        message: `${capitalized(subnet.label)} no network security group: ${advice}`,
        at: subnet.at,
        ...(bastion ? {} : fixFor(context, subnet, nsg, bastionNsgs)),
      });
    }
  },
};

function subnets(context: RuleContext): Subnet[] {
  const result: Subnet[] = [];
  for (const vnet of context.resources(VNET_TYPE)) {
    if (vnet.existing) continue;
    const inline = context.get(vnet, 'properties.subnets');
    if (inline.state === 'unknown') context.cannotVerify(inline, `the subnets of virtual network ${context.label(vnet)}`);
    if (inline.state !== 'known' || inline.value.kind !== 'array') continue;
    for (const item of inline.value.items) {
      const name = lookup(item, 'name');
      const known = name.state === 'known' && name.value.kind === 'string' ? name.value.value : undefined;
      const vnetLabel = context.label(vnet);
      result.push({
        ...(known !== undefined ? { name: known } : {}),
        label: known !== undefined ? `subnet '${known}' of ${vnetLabel} has` : inline.value.incomplete ? `the subnets of the loop in ${vnetLabel} have` : `a subnet of ${vnetLabel} has`,
        value: item,
        template: vnet.template,
        // The entry's whole range, not its value: a name from a variable is not what the finding is about.
        at: name.state !== 'absent' && name.property ? name.property.range : item.range,
      });
    }
  }
  for (const resource of context.resources(SUBNET_TYPE)) {
    if (resource.existing) continue;
    const name = nameOf(context, resource);
    result.push({
      ...(name !== undefined ? { name: leafName(name) } : {}),
      label: `subnet ${context.label(resource)} has`,
      value: context.body(resource),
      template: resource.template,
      at: resource,
    });
  }
  return result;
}

function delegatedToDedicatedHsm(subnet: Value): boolean {
  const delegations = lookup(subnet, 'properties.delegations');
  if (delegations.state !== 'known' || delegations.value.kind !== 'array') return false;
  return delegations.value.items.some((d) => {
    const service = lookup(d, 'properties.serviceName');
    return service.state === 'known' && service.value.kind === 'string' && service.value.value.toLowerCase() === NSG_NOT_SUPPORTED_DELEGATION;
  });
}

/** The NSG resource a subnet refers to, when it is declared in the template. */
function nsgOf(subnet: Subnet): Resource | undefined {
  const id = lookup(subnet.value, 'properties.networkSecurityGroup.id');
  return id.state === 'known' && id.value.kind === 'resource' ? id.value.resource : undefined;
}

/**
 * Associates the template's NSG when it declares exactly one (any more and the right one is a guess), unless
 * that NSG is Bastion's, whose rules are for Bastion alone. Never safe unattended: the NSG's rules may not let
 * through what this subnet serves.
 */
function fixFor(context: RuleContext, subnet: Subnet, nsg: Lookup, bastionNsgs: ReadonlySet<Resource>): { fix?: Fix } {
  const candidates = context.resources(NSG_TYPE).filter((n) => n.template === subnet.template);
  if (candidates.length !== 1 || bastionNsgs.has(candidates[0])) return {};
  const [only] = candidates;
  const value = { id: context.values.resourceId(only) };
  const title = `Associate NSG ${context.label(only)} with the subnet`;
  if (nsg.state === 'absent') return { fix: { title, safe: false, intents: [{ kind: 'add-property', container: nsg.container, path: nsg.missing, value }] } };
  if (nsg.state === 'known') return { fix: { title, safe: false, intents: [{ kind: 'replace-value', value: nsg.value, with: value }] } };
  return {};
}
