import * as assert from 'node:assert/strict';
import { loadBicep, type BicepLoad } from 'ztlint/bicep/index';
import { LineIndex } from 'ztlint/text/lineIndex';
import type { Range } from 'ztlint/text/range';
import { corpusFiles, isInvalid, type CorpusFile } from '../support/corpus';

/**
 * Files not tagged `invalid` that are nevertheless not Bicep: documentation templates with `<placeholders>`,
 * a CI fixture for a compile error, and decompiler outputs whose `?` types carry BCP279 error annotations.
 */
const UNTAGGED_INVALID = new Map([
  ['azure-docs-bicep-samples/syntax-samples/modules/conditional-definition.bicep', 'placeholders like <symbolic-name>'],
  ['azure-docs-bicep-samples/syntax-samples/modules/dependsOn-definition.bicep', 'placeholders like <symbolic-name>'],
  ['azure-docs-bicep-samples/syntax-samples/modules/iterative-definition.bicep', 'placeholders like <symbolic-name>'],
  ['azure-docs-bicep-samples/syntax-samples/modules/scope-definition.bicep', 'placeholders like <symbolic-name>'],
  ['azure-quickstart-templates/test/ci-tests/data/validate-deploymentfile-tests/bicep-error/main.bicep', '`param abc` without a type'],
  [
    'bicep/src/Bicep.Decompiler.IntegrationTests/Files/Working/issue5455/nested_StorageRoleDeploymentResource.bicep',
    '`?` for a type (BCP279)',
  ],
  ['bicep/src/Bicep.Decompiler.IntegrationTests/Files/Working/nested-outer/nested_testnested.bicep', '`?` for a type (BCP279)'],
]);

/** Compiler test inputs tagged `invalid` whose errors are semantic (types, scopes, files, cycles), not syntax. */
const SEMANTICALLY_INVALID = new Set(
  [
    'baselines/InvalidExtensions_CRLF/child/hasConfigurableExtensionsWithAlias.bicep',
    'baselines/InvalidExtensions_CRLF/child/hasConfigurableExtensionsWithoutAlias.bicep',
    'baselines/InvalidLambdas_LF/empty.bicep',
    'baselines/InvalidLoadFunctions_CRLF/main.bicep',
    'baselines/InvalidModulesManagementGroup_LF/main.bicep',
    'baselines/InvalidModulesManagementGroup_LF/modules/managementGroup.bicep',
    'baselines/InvalidModulesManagementGroup_LF/modules/subscription.bicep',
    'baselines/InvalidModulesManagementGroup_LF/modules/tenant.bicep',
    'baselines/InvalidModulesSubscription_LF/main.bicep',
    'baselines/InvalidModulesSubscription_LF/modules/managementGroup.bicep',
    'baselines/InvalidModulesSubscription_LF/modules/passthrough.bicep',
    'baselines/InvalidModulesSubscription_LF/modules/resourceGroup.bicep',
    'baselines/InvalidModulesSubscription_LF/modules/subscription.bicep',
    'baselines/InvalidModulesTenant_LF/main.bicep',
    'baselines/InvalidModulesTenant_LF/modules/managementGroup.bicep',
    'baselines/InvalidModulesTenant_LF/modules/subscription.bicep',
    'baselines/InvalidModulesTenant_LF/modules/tenant.bicep',
    'baselines/InvalidModules_LF/ChildModules/empty.bicep',
    'baselines/InvalidModules_LF/ChildModules/folder with space/child with space.bicep',
    'baselines/InvalidModules_LF/ChildModules/main.bicep',
    'baselines/InvalidModules_LF/empty.bicep',
    'baselines/InvalidModules_LF/mg_empty.bicep',
    'baselines/InvalidModules_LF/module with space.bicep',
    'baselines/InvalidModules_LF/modulea.bicep',
    'baselines/InvalidModules_LF/moduleb.bicep',
    'baselines/InvalidModules_LF/moduled.bicep',
    'baselines/InvalidModules_LF/subscription_empty.bicep',
    'baselines/InvalidResources_CRLF/module.bicep',
    'baselines/InvalidRuntimeValueUsages_LF/main.bicep',
    'baselines/InvalidTestFramework_CRLF/samples/sample1.bicep',
    'baselines_bicepparam/Invalid_Expressions/parameters.bicepparam',
    'baselines_bicepparam/Invalid_Imports/parameters.bicepparam',
    'baselines_bicepparam/Invalid_MismatchedTypes/parameters.bicepparam',
  ].map((file) => `bicep/src/Bicep.Core.Samples/Files/${file}`),
);

function lineOf(text: string, offset: number): number {
  return new LineIndex(text).positionAt(offset).line + 1;
}

function describeErrors(file: CorpusFile, load: BicepLoad, limit = 3): string {
  const errors = load.diagnostics.filter((d) => d.severity === 'error').slice(0, limit);
  return errors.map((d) => `  ${file.path}:${lineOf(file.text, d.range.start)}: ${d.message}`).join('\n');
}

/** The names of the top-level declarations a load produced, with where they are. */
function declarations(load: BicepLoad): { name: string; range: Range }[] {
  const template = load.template ?? load.parameterFile!.scope;
  const named = [
    ...template.parameters,
    ...template.variables,
    ...template.functions,
    ...template.outputs,
    ...template.resources.map((r) => ({ name: r.symbolicName!, range: r.range })),
    ...template.modules.map((m) => ({ name: m.symbolicName, range: m.range })),
    ...(load.parameterFile?.values ?? []),
  ];
  return named.map((d) => ({ name: d.name, range: d.range }));
}

describe('bicep corpus', function () {
  this.timeout(300_000);
  const files = corpusFiles('bicep', 'bicepparam');
  const loads = new Map(files.map((file) => [file, loadBicep(file.text, file.path)]));
  const hasErrors = (file: CorpusFile) => loads.get(file)!.diagnostics.some((d) => d.severity === 'error');

  it('holds the files the lists below name', () => {
    const paths = new Set(files.map((f) => f.path));
    for (const path of [...UNTAGGED_INVALID.keys(), ...SEMANTICALLY_INVALID]) assert.ok(paths.has(path), `missing ${path}`);
  });

  it('reads every valid file without a syntax error', () => {
    const failing = files.filter((f) => !isInvalid(f) && !UNTAGGED_INVALID.has(f.path) && hasErrors(f));
    const valid = files.filter((f) => !isInvalid(f) && !UNTAGGED_INVALID.has(f.path)).length;
    assert.equal(
      failing.length,
      0,
      `${failing.length} of ${valid} valid files have errors:\n${failing.map((f) => describeErrors(f, loads.get(f)!)).join('\n')}`,
    );
  });

  it('reports errors in the untagged files that are not Bicep', () => {
    for (const [path, why] of UNTAGGED_INVALID) {
      const file = files.find((f) => f.path === path)!;
      assert.ok(hasErrors(file), `${path} (${why}) should have a syntax error`);
    }
  });

  it('reports a syntax error in every invalid file except those whose errors are semantic', () => {
    const invalid = files.filter(isInvalid);
    const missed = invalid.filter((f) => !SEMANTICALLY_INVALID.has(f.path) && !hasErrors(f)).map((f) => f.path);
    assert.deepEqual(missed, [], 'invalid files without a syntax error');
    const unexpected = invalid.filter((f) => SEMANTICALLY_INVALID.has(f.path) && hasErrors(f));
    assert.equal(unexpected.length, 0, `semantically invalid files with syntax errors:\n${unexpected.map((f) => describeErrors(f, loads.get(f)!)).join('\n')}`);
  });

  it('keeps the declarations that follow the first error of an invalid file', () => {
    for (const file of files.filter((f) => isInvalid(f) && hasErrors(f))) {
      const load = loads.get(file)!;
      assert.ok(file.kind === 'bicepparam' ? load.parameterFile : load.template, file.path);
      const firstError = Math.min(...load.diagnostics.map((d) => d.range.start));
      // the declaration keywords at the start of a line after the first error's line
      const lineAfterError = file.text.indexOf('\n', firstError) + 1;
      const declared = /^(?:param|var|output|func|resource|module) +([A-Za-z_][A-Za-z0-9_]*)\b/gm;
      declared.lastIndex = lineAfterError;
      const names = new Set(declarations(load).map((d) => d.name));
      const lost: string[] = [];
      for (let m = declared.exec(file.text); m !== null; m = declared.exec(file.text)) {
        if (!names.has(m[1])) lost.push(`${m[1]} (line ${lineOf(file.text, m.index)})`);
      }
      assert.deepEqual(lost, [], `${file.path}: declarations after the first error are missing`);
    }
  });
});
