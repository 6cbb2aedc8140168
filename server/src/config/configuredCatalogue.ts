import { builtinCatalogue, catalogueWithCustomRules, type Catalogue } from '../lint/catalogue';
import { loadCustomRules } from '../lint/customRules';
import { didYouMean } from './suggest';
import { DEFAULT_CONFIG, loadConfig, type ZtlintConfig } from './config';

export type ConfiguredCatalogue = { readonly ok: true; readonly catalogue: Catalogue } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The rules a config asks for: the built-in ones and, when `runCustomRules` (the user chose this config, the
 * workspace is trusted, no `--no-custom-rules`), its `customRules`. The rule ids under "rules" that only custom
 * rules could have are checked here, once those are loaded; without them those settings have nothing to apply to.
 */
export function configuredCatalogue(config: ZtlintConfig, runCustomRules: boolean): ConfiguredCatalogue {
  const builtin = builtinCatalogue();
  if (!runCustomRules || config.customRules.length === 0) return { ok: true, catalogue: builtin };
  const loaded = loadCustomRules(config.customRules, new Set(builtin.descriptors.map((r) => r.id)));
  if (!loaded.ok) return loaded;
  const catalogue = catalogueWithCustomRules(loaded.rules);
  const ids = catalogue.rules.map((r) => r.id);
  const unknown = [...config.rules.keys()].filter((id) => !ids.includes(id));
  if (unknown.length > 0) return { ok: false, problems: unknown.map((id) => `${config.file ?? 'config'}: "rules": unknown rule '${id}'${didYouMean(id, ids)}`) };
  return { ok: true, catalogue };
}

/**
 * The rules for a language server's workspace: the built-in ones, and in a trusted workspace the custom rules of
 * each folder's config (read when the server starts; a change to them needs a restart, as a trust grant does).
 */
export function workspaceCatalogue(folders: readonly string[], trusted: boolean): ConfiguredCatalogue {
  if (!trusted) return { ok: true, catalogue: builtinCatalogue() };
  const customRules = new Set<string>();
  const problems: string[] = [];
  for (const folder of folders) {
    const loaded = loadConfig(folder);
    if (loaded.ok) for (const modulePath of loaded.config.customRules) customRules.add(modulePath);
    else problems.push(...loaded.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`));
  }
  if (problems.length > 0) return { ok: false, problems };
  return configuredCatalogue({ ...DEFAULT_CONFIG, customRules: [...customRules] }, true);
}
