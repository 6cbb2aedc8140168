import { equalsIgnoringCase, type RuleContext } from 'ztlint/lint/ruleApi';
import type { Template } from 'ztlint/model/template';
import type { ObjectValue, StringValue, UnknownValue, Value } from 'ztlint/model/value';
import { allResources } from 'ztlint/model/walk';

/** A string a file deploys: a resource property, a module parameter, an output, a manifest's value. */
export interface StringSite {
  readonly value: StringValue | UnknownValue;
  /** what the value is called: its property key, an app setting's `name`, a deployment parameter's name */
  readonly name?: string;
  /**
   * In a place made to hold a secret (a Key Vault secret's value, `protectedSettings`, a `secureValue`, a Container
   * App secret): a secret computed at deployment belongs there; only one written out is a problem.
   */
  readonly secretSlot: boolean;
  /** declared a secret by where it is: a Key Vault secret's value */
  readonly declaredSecret: boolean;
  /** an App Service app setting or connection string, which has identity-based and Key Vault reference forms */
  readonly appSetting: boolean;
  /** the template it is written in, for a fix that declares a parameter there */
  readonly template?: Template;
}

type Flags = Pick<StringSite, 'secretSlot' | 'declaredSecret' | 'appSetting'>;

const NOWHERE_SPECIAL: Flags = { secretSlot: false, declaredSecret: false, appSetting: false };
/** Declaration entries that are not deployed values. */
const NOT_VALUES = new Set(['type', 'apiversion', 'dependson', 'condition', 'copy', 'scope', 'parent', 'location', 'name']);
/**
 * Entries that name secrets without holding them, at any depth: Key Vault access policy `permissions`
 * (`secrets: ['get']`), Azure Verified Modules' `secretsExportConfiguration` (the names of the secrets to write).
 */
const NAMES_OF_SECRETS = new Set(['permissions', 'secretsexportconfiguration']);
const SECRET_SLOTS = new Set(['protectedsettings', 'securevalue', 'secrets']);
const APP_SETTINGS = new Set(['appsettings', 'connectionstrings']);
/** Entries whose value another entry of the same object names: `{ name: 'API_KEY', value: '...' }`. */
const NAMED_VALUES = new Set(['value', 'securevalue', 'connectionstring']);

/** Lower-casing keeps the length of any key that can equal one of these ASCII words. */
const SPECIAL_KEY_LENGTHS = new Set([...NAMES_OF_SECRETS, ...SECRET_SLOTS, ...APP_SETTINGS, ...NAMED_VALUES].map((key) => key.length));

/**
 * The key lower-cased when it may be one the walk treats specially, else `''`: a walk meets every key a file
 * deploys, and lower-casing each of them showed in the lint time.
 */
function specialKey(key: string): string {
  return SPECIAL_KEY_LENGTHS.has(key.length) ? key.toLowerCase() : '';
}

const IN_SECRET_SLOT: Flags = { secretSlot: true, declaredSecret: false, appSetting: false };
const IN_APP_SETTING: Flags = { secretSlot: false, declaredSecret: false, appSetting: true };
const IN_BOTH: Flags = { secretSlot: true, declaredSecret: false, appSetting: true };

/** The flags of an entry below one with `flags`: the same objects every time, as a walk meets every entry of a file. */
function entryFlags(flags: Flags, key: string): Flags {
  const secretSlot = flags.secretSlot || SECRET_SLOTS.has(key);
  const appSetting = flags.appSetting || APP_SETTINGS.has(key);
  return secretSlot ? (appSetting ? IN_BOTH : IN_SECRET_SLOT) : appSetting ? IN_APP_SETTING : NOWHERE_SPECIAL;
}

function stringEntry(object: ObjectValue, key: string): string | undefined {
  const entry = object.properties.find((p) => equalsIgnoringCase(p.key, key));
  return entry?.value.kind === 'string' ? entry.value.value : undefined;
}

/** The places of the strings found, by file (`''`: the file being linted): the ends found for each start. */
type Places = Map<string, Map<number, number[]>>;

/** Whether `value` is at a place not found before, which it then is. */
function isNewPlace(places: Places, value: Value): boolean {
  const file = value.via.at(-1)?.file ?? '';
  let byStart = places.get(file);
  if (!byStart) places.set(file, (byStart = new Map()));
  const { start, end } = value.range;
  const ends = byStart.get(start);
  if (!ends) {
    byStart.set(start, [end]);
    return true;
  }
  if (ends.includes(end)) return false;
  ends.push(end);
  return true;
}

/**
 * Where a walk puts the strings it finds. With `places`, a place already found is left out (a variable used by
 * two resources is one site): places are told apart by their file and range, kept as numbers, as a text key for
 * each of the many strings a template deploys showed in the lint time.
 */
class Sites {
  readonly found: StringSite[] = [];

  constructor(private readonly places?: Places) {}

  add(value: StringValue | UnknownValue, name: string | undefined, flags: Flags, template: Template | undefined): void {
    if (this.places && !isNewPlace(this.places, value)) return;
    this.found.push({ value, name, secretSlot: flags.secretSlot, declaredSecret: flags.declaredSecret, appSetting: flags.appSetting, template });
  }
}

function walk(value: Value, name: string | undefined, flags: Flags, template: Template | undefined, sites: Sites): void {
  switch (value.kind) {
    case 'string':
    case 'unknown':
      sites.add(value, name, flags, template);
      return;
    case 'array':
      for (const item of value.items) walk(item, name, flags, template, sites);
      return;
    case 'object':
      for (const entry of value.properties) {
        const key = specialKey(entry.key);
        if (NAMES_OF_SECRETS.has(key)) continue;
        const named = NAMED_VALUES.has(key) ? stringEntry(value, 'name') : undefined;
        // A deployment's `{ "adminPassword": { "value": ... } }` is still the admin password.
        const entryName = named ?? (key === 'value' && name !== undefined ? name : entry.key);
        walk(entry.value, entryName, entryFlags(flags, key), template, sites);
      }
      return;
    default:
      return;
  }
}

/** The strings in a value, each with what it is called: `{ name: 'API_KEY', value: ... }` calls the value `API_KEY`. */
export function stringsIn(value: Value, name: string | undefined, template?: Template): StringSite[] {
  const sites = new Sites();
  walk(value, name, NOWHERE_SPECIAL, template, sites);
  return sites.found;
}

function lastSegment(value: Value): string | undefined {
  return value.kind === 'string' ? value.value.split('/').pop() : undefined;
}

/**
 * Every string the templates of the file deploy, once per place it is written (a variable used by two
 * resources is one site), with what each is called; with `declarations`, also outputs, variables and parameter
 * defaults, after the resources so that a value used by a resource is reported where it is used.
 */
export function templateStrings(context: RuleContext, declarations = false): readonly StringSite[] {
  // Two rules ask for the same strings: the rules of one lint share its templates (and its evaluator).
  let found = foundStrings.get(context.templates);
  if (!found) foundStrings.set(context.templates, (found = new Map()));
  let sites = found.get(declarations);
  if (!sites) found.set(declarations, (sites = findTemplateStrings(context, declarations)));
  return sites;
}

const foundStrings = new WeakMap<readonly Template[], Map<boolean, readonly StringSite[]>>();

function findTemplateStrings(context: RuleContext, declarations: boolean): StringSite[] {
  const sites = new Sites(new Map());
  for (const template of context.templates) {
    for (const resource of allResources(template)) {
      if (resource.existing) continue;
      const body = context.body(resource);
      if (body.kind !== 'object') continue;
      const type = resource.type.toLowerCase();
      for (const entry of body.properties) {
        const key = entry.key.toLowerCase();
        if (NOT_VALUES.has(key)) continue;
        if (key === 'properties' && type === 'microsoft.keyvault/vaults/secrets' && entry.value.kind === 'object') {
          const secretName = lastSegment(context.evaluate(resource.name, resource.template));
          for (const property of entry.value.properties) {
            const isValue = property.key.toLowerCase() === 'value';
            walk(property.value, isValue ? secretName : property.key, { secretSlot: isValue, declaredSecret: isValue, appSetting: false }, template, sites);
          }
        } else if (key === 'properties' && resource.nestedTemplate && entry.value.kind === 'object') {
          // The inline template is linted as a template of its own; its parameter values are deployed from here.
          for (const property of entry.value.properties) if (property.key.toLowerCase() !== 'template') walk(property.value, property.key, NOWHERE_SPECIAL, template, sites);
        } else {
          const appSetting = key === 'properties' && /^microsoft\.web\/sites(\/slots)?\/config$/.test(type);
          walk(entry.value, entry.key, appSetting ? IN_APP_SETTING : NOWHERE_SPECIAL, template, sites);
        }
      }
    }
    for (const module of template.modules) {
      const body = context.evaluate(module.body, template);
      const params = body.kind === 'object' ? body.properties.find((p) => p.key === 'params') : undefined;
      if (params) walk(params.value, undefined, NOWHERE_SPECIAL, template, sites);
    }
  }
  if (declarations) {
    for (const template of context.templates) {
      for (const output of template.outputs) walk(context.evaluate(output.value, template), output.name, NOWHERE_SPECIAL, template, sites);
      for (const variable of template.variables) walk(context.evaluate(variable.value, template), variable.name, NOWHERE_SPECIAL, template, sites);
      for (const parameter of template.parameters) {
        if (parameter.defaultValue) walk(context.evaluate(parameter.defaultValue, template), parameter.name, NOWHERE_SPECIAL, template, sites);
      }
    }
  }
  return sites.found;
}
