import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** A regular expression written in the sources, and where. */
export interface SourcePattern {
  readonly source: string;
  readonly flags: string;
  /** `server/src/...:line` */
  readonly at: string;
}

/** A `RegExp` built from something other than a literal: its pattern is only known at run time. */
export interface DynamicPattern {
  readonly at: string;
  readonly text: string;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const isRegExpName = (node: ts.Expression) => ts.isIdentifier(node) && node.text === 'RegExp';

/**
 * Every regular expression of the TypeScript sources under `roots` (relative to `repo`): literals, and
 * `RegExp(...)` calls. A call whose pattern is a string literal counts as a literal; any other is dynamic, so a
 * test can insist that each one is known. Read with the compiler's parser, so comments and strings that look like
 * patterns are not counted and no pattern is missed.
 */
export function sourcePatterns(repo: string, roots: readonly string[]): { patterns: SourcePattern[]; dynamic: DynamicPattern[] } {
  const patterns: SourcePattern[] = [];
  const dynamic: DynamicPattern[] = [];
  for (const file of roots.flatMap((root) => filesUnder(path.join(repo, root)))) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node) => `${path.relative(repo, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const end = text.lastIndexOf('/');
        patterns.push({ source: text.slice(1, end), flags: text.slice(end + 1), at: at(node) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && isRegExpName(node.expression)) {
        const [pattern, flags] = node.arguments ?? [];
        const literalFlags = flags === undefined ? '' : ts.isStringLiteralLike(flags) ? flags.text : undefined;
        if (pattern && ts.isStringLiteralLike(pattern) && literalFlags !== undefined) patterns.push({ source: pattern.text, flags: literalFlags, at: at(node) });
        else dynamic.push({ at: at(node), text: node.getText() });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { patterns, dynamic };
}
