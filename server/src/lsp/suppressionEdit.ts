import * as path from 'node:path';
import type { AnalyzedDocument } from '../engine/document';
import { Evaluator } from '../evaluate/evaluator';
import { editsForFix } from '../fix/applyFixes';
import type { TextEdit } from '../fix/textEdit';
import type { Finding } from '../lint/finding';
import { lookup } from '../model/lookup';
import type { Resource } from '../model/template';
import { allResources, allTemplates } from '../model/walk';
import type { LineIndex } from '../text/lineIndex';

/** What the inserted suppression says about why: text for the user to replace, which still counts as a reason. */
export const REASON_PLACEHOLDER = 'TODO: reason';

/** The comment marker of formats whose suppressions are `ztlint-disable-next-line` comments. */
function commentMarker(document: AnalyzedDocument): string | undefined {
  switch (document.format) {
    case 'bicep':
    case 'bicepparam':
      return '//';
    case 'kubernetes':
      return '#';
    case 'arm-template':
    case 'arm-parameters':
      // Only JSONC may hold comments; a strict-JSON template is suppressed in its resource's metadata.
      return path.extname(document.path).toLowerCase() === '.jsonc' ? '//' : undefined;
    default:
      return undefined;
  }
}

/** `// ztlint-disable-next-line <rule> -- TODO: reason` on a new line above the finding, indented like it. */
function commentEdit(document: AnalyzedDocument, lines: LineIndex, marker: string, finding: Finding): TextEdit {
  const lineStart = lines.lineStart(lines.positionAt(finding.range.start).line);
  const indentation = /^[ \t]*/.exec(lines.lineTextAt(lineStart))![0];
  const eol = document.text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: lineStart, end: lineStart }, newText: `${indentation}${marker} ztlint-disable-next-line ${finding.ruleId} -- ${REASON_PLACEHOLDER}${eol}` };
}

/** The innermost resource declaration around the finding, which its metadata entry covers. */
function enclosingResource(document: AnalyzedDocument, finding: Finding): Resource | undefined {
  const resources = document.template ? allTemplates(document.template).flatMap(allResources) : [];
  return resources
    .filter((r) => r.range.start <= finding.range.start && finding.range.end <= r.range.end)
    .sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start))[0];
}

/** `"metadata": { "ztlint-disable": { "<rule>": "TODO: reason" } }` in the resource, written by the JSON fix writer. */
function metadataEdits(document: AnalyzedDocument, finding: Finding): TextEdit[] | undefined {
  const resource = enclosingResource(document, finding);
  if (!resource) return undefined;
  const entry = lookup(new Evaluator().resourceBody(resource), ['metadata', 'ztlint-disable', finding.ruleId]);
  if (entry.state !== 'absent') return undefined;
  const result = editsForFix(document, {
    title: `Suppress ${finding.ruleId}`,
    safe: false,
    intents: [{ kind: 'add-property', container: entry.container, path: entry.missing, value: REASON_PLACEHOLDER }],
  });
  return 'edits' in result && result.edits.length > 0 ? result.edits : undefined;
}

/**
 * The edits that suppress one finding where the format allows it, or undefined when it cannot be suppressed.
 * `lines` indexes the document's text (the open file's own index, kept between requests).
 */
export function suppressionEdits(document: AnalyzedDocument, lines: LineIndex, finding: Finding): TextEdit[] | undefined {
  const marker = commentMarker(document);
  if (marker) return [commentEdit(document, lines, marker, finding)];
  return document.format === 'arm-template' ? metadataEdits(document, finding) : undefined;
}
