import type { AnalyzedDocument } from '../engine/document';
import type { FixIntent } from './intent';
import type { TextEdit } from './textEdit';
import { bicepWriter } from './writers/bicep';
import { jsonWriter } from './writers/json';
import { yamlWriter } from './writers/yaml';

/**
 * Turns fix intents into text edits for one format. It edits only what the intent names, keeps the file's
 * indentation, quoting, line endings and comments, and throws `FixNotWritable` when the text is not something it
 * can edit safely (a computed value, a value in another file).
 */
export interface FixWriter {
  edits(document: AnalyzedDocument, intent: FixIntent): TextEdit[];
}

export function writerFor(document: AnalyzedDocument): FixWriter | undefined {
  switch (document.format) {
    case 'bicep':
    case 'bicepparam':
      return bicepWriter;
    case 'arm-template':
    case 'arm-parameters':
      return jsonWriter;
    case 'kubernetes':
      return yamlWriter;
    default:
      return undefined;
  }
}
