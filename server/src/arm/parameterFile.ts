import { newTemplate } from '../model/newTemplate';
import type { ObjectExpr } from '../model/expr';
import type { ParameterFile, ParameterFileValue } from '../model/template';
import { asObject, member } from './access';

/**
 * An ARM `deploymentParameters` file: `{"parameters": {"x": {"value": ...}}}`, or `{"reference": {"keyVault": ...}}`
 * for a secret read from Key Vault at deployment.
 */
export function buildParameterFile(root: ObjectExpr): ParameterFile {
  const values: ParameterFileValue[] = [];
  for (const entry of asObject(member(root, 'parameters'))?.entries ?? []) {
    const definition = asObject(entry.value);
    if (entry.kind !== 'property' || entry.key === undefined || definition === undefined) continue;
    const value = member(definition, 'value');
    // Placeholders such as `"reference": "GEN-KEYVAULT-PASSWORD-REFERENCE"` stand for a Key Vault reference too.
    const keyVaultReference = member(definition, 'reference') !== undefined;
    values.push({ name: entry.key, nameRange: entry.keyRange, ...(value && { value }), keyVaultReference, range: entry.range });
  }
  return { language: 'arm', values, scope: newTemplate('arm', root.range), range: root.range };
}
