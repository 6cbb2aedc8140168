import type { Fix, Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';

/** Where each kind of VM keeps its OS profile and storage profile. */
const MACHINES: readonly { readonly type: string; readonly profile: readonly string[] }[] = [
  { type: 'Microsoft.Compute/virtualMachines', profile: ['properties'] },
  { type: 'Microsoft.Compute/virtualMachineScaleSets', profile: ['properties', 'virtualMachineProfile'] },
];

const LINUX_PUBLISHERS = /^(canonical|redhat|suse|debian|openlogic|credativ|almalinux|kinvolk|microsoftcblmariner|resf)$/i;
const LINUX_OFFERS = /ubuntu|rhel|centos|debian|sles|suse|linux|mariner|alma|rocky|flatcar/i;

function knownString(lookup: Lookup): string | undefined {
  return lookup.state === 'known' && lookup.value.kind === 'string' ? lookup.value.value : undefined;
}

/** A machine is Linux when its OS profile, OS disk or image says so; one that says nothing is not judged. */
function isLinux(context: RuleContext, vm: Resource, profile: readonly string[]): boolean {
  const linux = context.get(vm, [...profile, 'osProfile', 'linuxConfiguration']);
  if (linux.state === 'known' && linux.value.kind === 'object') return true;
  const windows = context.get(vm, [...profile, 'osProfile', 'windowsConfiguration']);
  if (windows.state === 'known' && windows.value.kind === 'object') return false;
  const osType = knownString(context.get(vm, [...profile, 'storageProfile', 'osDisk', 'osType']));
  if (osType !== undefined) return osType.toLowerCase() === 'linux';
  const publisher = knownString(context.get(vm, [...profile, 'storageProfile', 'imageReference', 'publisher'])) ?? '';
  const offer = knownString(context.get(vm, [...profile, 'storageProfile', 'imageReference', 'offer'])) ?? '';
  return LINUX_PUBLISHERS.test(publisher) || LINUX_OFFERS.test(offer);
}

/** Only with an SSH key configured can password sign-in be turned off without locking everyone out. */
function hasSshKey(context: RuleContext, vm: Resource, linuxConfiguration: readonly string[]): boolean {
  const keys = context.get(vm, [...linuxConfiguration, 'ssh', 'publicKeys']);
  return keys.state === 'known' && keys.value.kind === 'array' && keys.value.items.length > 0;
}

export const secretsVmPasswordAuthentication: Rule = {
  id: 'secrets-vm-password-authentication',
  title: 'A Linux VM allows password sign-in',
  severity: 'warning',
  area: 'secrets',
  principle: 'verify-explicitly',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const { type, profile } of MACHINES) {
      for (const vm of context.resources(type)) {
        const osProfile = context.get(vm, [...profile, 'osProfile']);
        if (vm.existing || osProfile.state !== 'known' || osProfile.value.kind !== 'object' || !isLinux(context, vm, profile)) continue;
        const configurationPath = [...profile, 'osProfile', 'linuxConfiguration'];
        const configuration = context.get(vm, configurationPath);
        const advice = 'sign in with SSH keys or Microsoft Entra ID and set `disablePasswordAuthentication` to true';
        const fixWith = (intent: Fix['intents'][number]): Fix | undefined =>
          hasSshKey(context, vm, configurationPath) ? { title: 'Set disablePasswordAuthentication to true', safe: false, intents: [intent] } : undefined;
        const disabled = configuration.state === 'known' && configuration.value.kind === 'null' ? undefined : context.get(vm, [...configurationPath, 'disablePasswordAuthentication']);
        if (disabled?.state === 'unknown') {
          context.cannotVerify(disabled, `whether Linux VM ${context.label(vm)} allows password sign-in`);
        } else if (disabled?.state === 'known') {
          if (disabled.value.kind !== 'boolean' || disabled.value.value) continue;
          const fix = fixWith({ kind: 'replace-value', value: disabled.value, with: true });
          context.report({ message: `Linux VM ${context.label(vm)} allows password sign-in: \`disablePasswordAuthentication\` is false; ${advice}`, at: disabled, ...(fix ? { fix } : {}) });
        } else {
          // Without a password Azure cannot turn password sign-in on, whatever the default says.
          const password = context.get(vm, [...profile, 'osProfile', 'adminPassword']);
          if (password.state === 'absent' || (password.state === 'known' && (password.value.kind === 'null' || (password.value.kind === 'string' && password.value.value === '')))) continue;
          const fix = disabled ? fixWith({ kind: 'add-property', container: disabled.container, path: disabled.missing, value: true }) : undefined;
          const why = disabled ? '`disablePasswordAuthentication` is not set (it defaults to false)' : '`linuxConfiguration` is null';
          context.report({ message: `Linux VM ${context.label(vm)} allows password sign-in: an admin password is given and ${why}; ${advice}`, at: disabled ?? configuration, ...(fix ? { fix } : {}) });
        }
      }
    }
  },
};
