import type { Range } from '../text/range';
import type { Import, Module, Output, Parameter, Resource, SuppliedParameterValue, UserFunction, Variable } from './template';

/** A template with nothing declared yet, its lists writable while a loader fills them. */
export function newTemplate(language: 'bicep' | 'arm', range: Range) {
  return {
    language,
    targetScope: 'resourceGroup',
    parameters: [] as Parameter[],
    variables: [] as Variable[],
    functions: [] as UserFunction[],
    resources: [] as Resource[],
    modules: [] as Module[],
    outputs: [] as Output[],
    imports: [] as Import[],
    range,
    parameterValues: new Map<string, SuppliedParameterValue>(),
  };
}
