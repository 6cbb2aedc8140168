import type { Lookup } from 'ztlint/model/lookup';
import { lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import type { StringValue, Value } from 'ztlint/model/value';
import type { RuleContext } from 'ztlint/lint/ruleApi';

export type Protocol = 'tcp' | 'udp';

/** An inclusive range of port numbers. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/**
 * Ports nobody should reach from the internet. Remote administration is reached through Azure Bastion or
 * just-in-time VM access; data stores through private endpoints or service endpoints.
 */
export interface SensitivePort {
  readonly ports: PortRange;
  readonly protocols: readonly Protocol[];
  readonly service: string;
  readonly management: boolean;
}

const port = (from: number, to: number, protocols: readonly Protocol[], service: string, management: boolean): SensitivePort => ({ ports: { from, to }, protocols, service, management });
const TCP: readonly Protocol[] = ['tcp'];
const BOTH: readonly Protocol[] = ['tcp', 'udp'];

const SENSITIVE_PORTS: readonly SensitivePort[] = [
  port(20, 21, TCP, 'FTP', true),
  port(22, 22, TCP, 'SSH', true),
  port(23, 23, TCP, 'Telnet', true),
  port(135, 135, TCP, 'RPC', true),
  port(137, 139, BOTH, 'NetBIOS', true),
  port(161, 162, ['udp'], 'SNMP', true),
  port(445, 445, TCP, 'SMB', false),
  port(1433, 1434, BOTH, 'SQL Server', false),
  port(1521, 1521, TCP, 'Oracle', false),
  port(2049, 2049, BOTH, 'NFS', false),
  port(2375, 2376, TCP, 'Docker API', true),
  port(2379, 2380, TCP, 'etcd', true),
  port(3306, 3306, TCP, 'MySQL', false),
  port(3389, 3389, BOTH, 'RDP', true),
  port(5432, 5432, TCP, 'PostgreSQL', false),
  port(5601, 5601, TCP, 'Kibana', false),
  port(5900, 5900, TCP, 'VNC', true),
  port(5985, 5986, TCP, 'WinRM', true),
  port(6379, 6380, TCP, 'Redis', false),
  port(6443, 6443, TCP, 'Kubernetes API', true),
  port(9042, 9042, TCP, 'Cassandra', false),
  port(9200, 9300, TCP, 'Elasticsearch', false),
  port(10250, 10250, TCP, 'kubelet', true),
  port(11211, 11211, BOTH, 'Memcached', false),
  port(27017, 27019, TCP, 'MongoDB', false),
];

/** Source prefixes that take in the whole internet (NSG service tags and prefixes are case-insensitive). */
const INTERNET_SOURCES = new Set(['*', 'any', 'internet', '0.0.0.0/0', '::/0']);

function isInternetSource(prefix: string): boolean {
  return INTERNET_SOURCES.has(prefix.trim().toLowerCase());
}

const PROTOCOLS: Record<string, readonly Protocol[]> = { '*': BOTH, tcp: TCP, udp: ['udp'] };

/** The ports-bearing protocols a rule's `protocol` covers; ICMP, ESP and AH carry no ports. */
function protocolsOf(protocol: string): readonly Protocol[] {
  return PROTOCOLS[protocol.trim().toLowerCase()] ?? [];
}

/** `*`, `22`, `5985-5986`; `undefined` for anything else. */
function parsePortRange(text: string): PortRange | undefined {
  const trimmed = text.trim();
  if (trimmed === '*') return ALL_PORTS;
  const match = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(trimmed);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return from <= to && to <= 65535 ? { from, to } : undefined;
}

export function coversAllPorts(ranges: readonly PortRange[]): boolean {
  // Port 0 is not a port anyone serves on: `1-65535` is as open as `*`.
  return subtract([{ from: 1, to: 65535 }], ranges).length === 0;
}

/** `ranges` without the ports of `minus`. */
function subtract(ranges: readonly PortRange[], minus: readonly PortRange[]): PortRange[] {
  let result = [...ranges];
  for (const cut of minus) {
    result = result.flatMap((r) => {
      if (cut.to < r.from || cut.from > r.to) return [r];
      const pieces: PortRange[] = [];
      if (r.from < cut.from) pieces.push({ from: r.from, to: cut.from - 1 });
      if (cut.to < r.to) pieces.push({ from: cut.to + 1, to: r.to });
      return pieces;
    });
  }
  return result;
}

export function showPorts(range: PortRange): string {
  return range.from === range.to ? `port ${range.from}` : `ports ${range.from}-${range.to}`;
}

/** One security rule, inline in its NSG or declared as a child resource. */
export interface SecurityRule {
  /** for messages: "NSG rule 'AllowSsh' in `nsg`" */
  readonly label: string;
  /** the rule's `properties` object (or an unknown value) */
  readonly properties: Value;
  /** the NSG the rule belongs to (its resource, else its name), to weigh the rule against its siblings */
  readonly nsg: Resource | string;
}

const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups';
const RULE_TYPE = 'Microsoft.Network/networkSecurityGroups/securityRules';

/** The resource's name as evaluated, else undefined. */
export function nameOf(context: RuleContext, resource: Resource, full = false): string | undefined {
  const name = context.evaluate(full ? resource.fullName : resource.name, resource.template);
  return name.kind === 'string' ? name.value : undefined;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The last segment of a child resource's name: `vnet/GatewaySubnet` is `GatewaySubnet`. */
export function leafName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * Every security rule of the file: the items of each NSG's `securityRules` and the standalone
 * `networkSecurityGroups/securityRules` resources, each tagged with the NSG it belongs to.
 */
export function securityRules(context: RuleContext): SecurityRule[] {
  const rules: SecurityRule[] = [];
  for (const nsg of context.resources(NSG_TYPE)) {
    if (nsg.existing) continue;
    const inline = context.get(nsg, 'properties.securityRules');
    if (inline.state === 'unknown') {
      context.cannotVerify(inline, `the security rules of NSG ${context.label(nsg)}`);
      continue;
    }
    if (inline.state === 'absent' || inline.value.kind !== 'array') continue;
    for (const item of inline.value.items) {
      const name = lookup(item, 'name');
      const shown = name.state === 'known' && name.value.kind === 'string' ? `NSG rule '${name.value.value}'` : inline.value.incomplete ? 'an NSG rule of a loop' : 'an NSG rule';
      rules.push({ label: `${shown} in ${context.label(nsg)}`, properties: propertiesOf(item), nsg });
    }
  }
  for (const resource of context.resources(RULE_TYPE)) {
    if (resource.existing) continue;
    const full = nameOf(context, resource, true);
    const name = nameOf(context, resource);
    const parentName = full?.slice(0, full.lastIndexOf('/'));
    const parent = resource.parent ?? context.resources(NSG_TYPE).find((n) => n.template === resource.template && parentName !== undefined && nameOf(context, n)?.toLowerCase() === parentName.toLowerCase());
    const shown = name === undefined ? `NSG rule ${context.label(resource)}` : `NSG rule '${leafName(name)}'`;
    const nsgLabel = parent ? ` in ${context.label(parent)}` : parentName ? ` in '${parentName}'` : '';
    rules.push({ label: `${shown}${nsgLabel}`, properties: propertiesOf(context.body(resource)), nsg: parent ?? parentName?.toLowerCase() ?? resource });
  }
  return rules;
}

function propertiesOf(value: Value): Value {
  const properties = lookup(value, 'properties');
  if (properties.state === 'absent') return { kind: 'object', properties: [], range: value.range, via: [], caseSensitive: false };
  return properties.value;
}

/** A string-valued entry of a rule: `direction`, `access`, `protocol`. */
function stringAt(rule: SecurityRule, key: string): { lookup: Lookup; text?: string } {
  const found = lookup(rule.properties, key);
  return { lookup: found, ...(found.state === 'known' && found.value.kind === 'string' ? { text: found.value.value } : {}) };
}

/** The values of a singular entry and its plural list (`sourceAddressPrefix` and `sourceAddressPrefixes`). */
function listAt(rule: SecurityRule, single: string, plural: string): { values: Value[]; unknown?: Lookup } {
  const values: Value[] = [];
  let unknown: Lookup | undefined;
  for (const key of [single, plural]) {
    const found = lookup(rule.properties, key);
    if (found.state === 'absent') continue;
    if (found.state === 'unknown') {
      unknown ??= found;
      continue;
    }
    if (found.value.kind === 'array') {
      if (found.value.incomplete) unknown ??= found;
      values.push(...found.value.items);
    } else if (found.value.kind !== 'null') {
      values.push(found.value);
    }
  }
  return { values, ...(unknown ? { unknown } : {}) };
}

/** A port entry as text: NSG port ranges are strings, but templates also write plain numbers. */
function portText(value: Value): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return String(value.value);
  return undefined;
}

function isString(value: Value): value is StringValue {
  return value.kind === 'string';
}

/** What a rule does to traffic from the internet, as far as the template says. */
export interface ParsedRule {
  readonly rule: SecurityRule;
  readonly allow: boolean;
  readonly priority?: number;
  /** the entries of `sourceAddressPrefix(es)` that take in the whole internet */
  readonly internetSources: readonly Value[];
  readonly sources: readonly Value[];
  readonly protocols: readonly Protocol[];
  readonly ports: readonly PortRange[];
  /** lower-cased destination prefixes; undefined when some are not known */
  readonly destinations?: readonly string[];
  /** the first part of the rule that cannot be known: what it opens is then only partly known */
  readonly unknown?: Lookup | Value;
}

/**
 * Reads an inbound rule that may let internet traffic in (or, for a Deny, keep it out). `undefined` when the
 * rule plainly has nothing to do with the internet: outbound, a source that is not the internet, ICMP.
 */
export function parseRule(rule: SecurityRule): ParsedRule | undefined {
  let unknown: Lookup | Value | undefined;
  const note = (what: Lookup | Value | undefined) => (unknown ??= what);

  const direction = stringAt(rule, 'direction');
  if (direction.text !== undefined && direction.text.toLowerCase() !== 'inbound') return undefined;
  if (direction.lookup.state !== 'known') note(direction.lookup.state === 'unknown' ? direction.lookup : undefined);

  const access = stringAt(rule, 'access');
  if (access.lookup.state === 'unknown') note(access.lookup);
  const allow = access.text?.toLowerCase() !== 'deny';

  const protocol = stringAt(rule, 'protocol');
  if (protocol.lookup.state === 'unknown') note(protocol.lookup);
  const protocols = protocol.text === undefined ? BOTH : protocolsOf(protocol.text);
  if (protocols.length === 0) return undefined;

  const sourceList = listAt(rule, 'sourceAddressPrefix', 'sourceAddressPrefixes');
  const unknownSource = sourceList.unknown ?? sourceList.values.find((v) => v.kind === 'unknown');
  const internetSources = sourceList.values.filter((v) => isString(v) && isInternetSource(v.value));
  if (internetSources.length === 0 && !unknownSource) return undefined;
  note(unknownSource);

  const portList = listAt(rule, 'destinationPortRange', 'destinationPortRanges');
  note(portList.unknown);
  const ports: PortRange[] = [];
  for (const value of portList.values) {
    const text = portText(value);
    const range = text === undefined ? undefined : parsePortRange(text);
    if (range) ports.push(range);
    else note(value);
  }

  const destinationList = listAt(rule, 'destinationAddressPrefix', 'destinationAddressPrefixes');
  const destinations = destinationList.unknown || !destinationList.values.every(isString) ? undefined : destinationList.values.map((v) => (v as StringValue).value.trim().toLowerCase());

  const priority = lookup(rule.properties, 'priority');
  return {
    rule,
    allow,
    ...(priority.state === 'known' && priority.value.kind === 'number' ? { priority: priority.value.value } : {}),
    internetSources,
    sources: sourceList.values,
    protocols,
    ports,
    ...(destinations ? { destinations } : {}),
    ...(unknown ? { unknown } : {}),
  };
}

const ANY_DESTINATION = new Set(['*', 'any', '0.0.0.0/0', 'internet']);

/**
 * Whether a Deny rule keeps internet traffic from reaching what an Allow rule opens, before the Allow is
 * evaluated: it must come first (a lower priority number), take in the internet and cover the destination.
 */
export function shadows(deny: ParsedRule, allow: ParsedRule): boolean {
  if (deny.allow || deny.unknown || deny.rule.nsg !== allow.rule.nsg || deny.internetSources.length === 0) return false;
  if (deny.priority === undefined || allow.priority === undefined || deny.priority >= allow.priority) return false;
  if (!deny.destinations || !allow.destinations) return false;
  return deny.destinations.some((d) => ANY_DESTINATION.has(d)) || allow.destinations.every((d) => deny.destinations!.includes(d));
}

/** The ports an Allow rule opens to the internet, per protocol, once the Deny rules before it are applied. */
export function exposure(allow: ParsedRule, denies: readonly ParsedRule[]): Map<Protocol, PortRange[]> {
  const open = new Map<Protocol, PortRange[]>(allow.protocols.map((p) => [p, [...allow.ports]]));
  for (const deny of denies) {
    if (!shadows(deny, allow)) continue;
    for (const p of deny.protocols) {
      const ports = open.get(p);
      if (ports) open.set(p, subtract(ports, deny.ports));
    }
  }
  return open;
}

/** The sensitive ports among `open`, with the part of each that is open. */
export function sensitiveHits(open: ReadonlyMap<Protocol, readonly PortRange[]>): { port: SensitivePort; open: PortRange }[] {
  const hits: { port: SensitivePort; open: PortRange }[] = [];
  for (const sensitive of SENSITIVE_PORTS) {
    const ranges = sensitive.protocols.flatMap((p) => open.get(p) ?? []);
    const overlap = ranges.filter((r) => r.from <= sensitive.ports.to && sensitive.ports.from <= r.to);
    if (overlap.length === 0) continue;
    const from = Math.max(sensitive.ports.from, Math.min(...overlap.map((r) => r.from)));
    const to = Math.min(sensitive.ports.to, Math.max(...overlap.map((r) => r.to)));
    hits.push({ port: sensitive, open: { from, to } });
  }
  return hits;
}
