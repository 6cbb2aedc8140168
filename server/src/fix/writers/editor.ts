import type { AnalyzedDocument } from '../../engine/document';
import type { Template } from '../../model/template';
import type { ArrayValue, Hop, ObjectValue, PropertyValue, Value } from '../../model/value';
import { allTemplates } from '../../model/walk';
import type { AddParameter, AddResource, FixIntent, MakeSecure, NewValue } from '../intent';
import { FixNotWritable, type TextEdit } from '../textEdit';
import type { FixWriter } from '../writer';
import { nest } from './newValue';

/**
 * What a format's writer does for each intent, once the checks every format shares are passed: the value is
 * written in this file and is a literal, the container is this file's.
 */
export interface FormatEditor {
  replaceValue(value: Value, replacement: NewValue): TextEdit[];
  addProperty(container: ObjectValue, key: string, value: NewValue): TextEdit[];
  removeProperty(property: PropertyValue): TextEdit[];
  addItem(array: ArrayValue, item: NewValue): TextEdit[];
  addResource(intent: AddResource): TextEdit[];
  addParameter(intent: AddParameter): TextEdit[];
  makeSecure(intent: MakeSecure): TextEdit[];
}

/** A writer from a function that makes a format's editor for one document (made once per document). */
export function formatWriter(editorFor: (document: AnalyzedDocument) => FormatEditor): FixWriter {
  const editors = new WeakMap<AnalyzedDocument, FormatEditor>();
  return {
    edits(document, intent) {
      let editor = editors.get(document);
      if (!editor) editors.set(document, (editor = editorFor(document)));
      return writeIntent(editor, intent, document.path);
    },
  };
}

function writeIntent(editor: FormatEditor, intent: FixIntent, filePath: string): TextEdit[] {
  const supplied = suppliedBy(intent);
  if (supplied && supplied.file !== filePath) throw new FixNotWritable(`the value comes from ${supplied.source ?? supplied.file}: edit it there`);
  switch (intent.kind) {
    case 'replace-value':
      return editor.replaceValue(literal(intent.value), intent.with);
    case 'add-property': {
      const [key, ...below] = intent.path;
      if (key === undefined) throw new FixNotWritable('no property to add');
      return editor.addProperty(intent.container, key, nest(below, intent.value));
    }
    case 'remove-property':
      return editor.removeProperty(intent.property);
    case 'add-item':
      return editor.addItem(intent.array, intent.item);
    case 'add-resource':
      return editor.addResource(intent);
    case 'add-parameter':
      // Bicep's @secure() and ARM's secure types exist for strings and objects only
      if (intent.secure && intent.type !== 'string' && intent.type !== 'object') throw new FixNotWritable(`a ${intent.type} parameter cannot be secure`);
      return editor.addParameter(intent);
    case 'make-secure':
      if (intent.declaration.secure) throw new FixNotWritable(`\`${intent.declaration.name}\` is already secure`);
      if (!/^(string|object)$/i.test(intent.declaration.type)) throw new FixNotWritable(`a ${intent.declaration.type} cannot be secure`);
      return editor.makeSecure(intent);
  }
}

/** The hop by which the value an intent changes came from another file (a parameter file's value), if it did. */
function suppliedBy(intent: FixIntent): Hop | undefined {
  const value = intent.kind === 'replace-value' ? intent.value : intent.kind === 'add-property' ? intent.container : intent.kind === 'add-item' ? intent.array : undefined;
  return value?.via.find((h) => h.file !== undefined);
}

/**
 * The file an intent edits when it is not the linted one: the parameter file that supplied the value it changes.
 * Only that file's writer can edit it; `--fix` hands the intent there.
 */
export function fileOfIntent(intent: FixIntent): string | undefined {
  return suppliedBy(intent)?.file;
}

/** Only a value written as a literal can be replaced: a computed one has no text that is the value. */
function literal(value: Value): Value {
  switch (value.kind) {
    case 'unknown':
      throw new FixNotWritable(`the value is not known statically: ${value.reason}`);
    case 'resource':
      throw new FixNotWritable('the value is a reference to a resource, not a literal');
    case 'string':
      if (!value.literal) throw new FixNotWritable('the string is computed (an interpolation or a function result), not a literal');
      return value;
    default:
      return value;
  }
}

/** The template an add-resource or add-parameter intent names, if it is in this document. */
export function templateOf(document: AnalyzedDocument, template: Template): Template {
  if (!document.template || !allTemplates(document.template).includes(template)) throw new FixNotWritable('the template is not in this file');
  return template;
}
