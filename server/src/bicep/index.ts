import type { ParameterFile, Template } from '../model/template';
import type { Comment, SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { parse, type ParseResult } from './parser';
import { toParameterFile, toTemplate } from './toModel';

export interface BicepLoad {
  /** for a `.bicep` file */
  readonly template?: Template;
  /** for a `.bicepparam` file */
  readonly parameterFile?: ParameterFile;
  readonly diagnostics: SyntaxDiagnostic[];
  readonly comments: Comment[];
}

export function isBicepParameterFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.bicepparam');
}

/**
 * Reads a `.bicep` or `.bicepparam` file (told apart by `fileName`) into the model. Broken text gives diagnostics
 * and a model of what could be read; nothing is thrown but what `check` throws. `check` is called as parsing and
 * lowering go (see `ParseOptions.check`); parameter files are small, and only parsed with it.
 */
export function loadBicep(text: string, fileName: string, check?: () => void): BicepLoad {
  const parameterFile = isBicepParameterFile(fileName);
  const { program, diagnostics, comments } = parse(text, { parameterFile, check });
  return parameterFile
    ? { parameterFile: toParameterFile(program, text), diagnostics, comments }
    : { template: toTemplate(program, text, check), diagnostics, comments };
}

/** The syntax tree only (no model), e.g. for benchmarks and editor features. */
export function parseBicep(text: string, options: { parameterFile?: boolean } = {}): ParseResult {
  return parse(text, { parameterFile: options.parameterFile ?? false });
}

export type { ParseResult } from './parser';
export type * from './syntax';
