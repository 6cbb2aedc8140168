import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import type { Catalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import type { IndexedFile } from './workspaceIndex';

/** The docs page of each rule with a finding under the cursor, so the why and the good example are one hover away. */
export function hoverAt(file: IndexedFile, findings: readonly Finding[], position: Position, catalogue: Catalogue): Hover | null {
  const offset = file.lines.offsetAt(position);
  const under = findings.filter((f) => !f.suppression && f.range.start <= offset && offset <= f.range.end);
  if (under.length === 0) return null;
  const ruleIds = [...new Set(under.map((f) => f.ruleId))];
  const pages = ruleIds.map((id) => catalogue.docs(id) ?? `**${id}**: ${catalogue.meta(id)?.title ?? under.find((f) => f.ruleId === id)!.message}`);
  return { contents: { kind: MarkupKind.Markdown, value: pages.join('\n\n---\n\n') }, range: file.lines.toLineRange(under[0].range) };
}
