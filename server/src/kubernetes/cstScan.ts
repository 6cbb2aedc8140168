import type { CST } from 'yaml';
import type { Comment } from '../text/syntaxDiagnostic';
import { MAX_DEPTH } from './nesting';

/** What one pass over the concrete syntax tree learns before anything is composed. */
export interface CstFacts {
  readonly comments: Comment[];
  /** scalars, aliases and collections written in the source; the alias expansion budget scales with it */
  nodeCount: number;
  /** documents nesting deeper than `MAX_DEPTH` (by where they start), with where the limit was crossed */
  readonly tooDeep: { readonly documentOffset: number; readonly offset: number }[];
  /** offsets of `{{` read as a flow mapping opening another: where a Go template action would sit */
  readonly braceBraces: number[];
}

interface Pending {
  readonly token: CST.Token;
  readonly depth: number;
}

/**
 * Walks the parser's tokens once, iteratively (the depth guard must not itself recurse), collecting comments,
 * counting nodes and spotting too-deep documents and `{{` openings.
 */
export function scanCst(text: string, tokens: Iterable<CST.Token>): CstFacts {
  const facts: CstFacts = { comments: [], nodeCount: 0, tooDeep: [], braceBraces: [] };
  const lookForBraces = text.includes('{{');
  for (const top of tokens) {
    if (top.type === 'comment') addComment(facts, top);
    else if (top.type === 'doc-end') addComments(facts, top.end);
    else if (top.type === 'document') scanDocument(text, top, facts, lookForBraces);
  }
  // the walk visits children after their siblings' separators
  facts.comments.sort((a, b) => a.range.start - b.range.start);
  return facts;
}

function scanDocument(text: string, document: CST.Document, facts: CstFacts, lookForBraces: boolean): void {
  addComments(facts, document.start);
  addComments(facts, document.end);
  const pending: Pending[] = document.value ? [{ token: document.value, depth: 1 }] : [];
  let reportedTooDeep = false;
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { token, depth } = next;
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'alias':
        facts.nodeCount++;
        addComments(facts, token.end);
        break;
      case 'block-scalar':
        facts.nodeCount++;
        addComments(facts, token.props);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        facts.nodeCount++;
        if (depth > MAX_DEPTH) {
          if (!reportedTooDeep) facts.tooDeep.push({ documentOffset: document.offset, offset: token.offset });
          reportedTooDeep = true;
          break;
        }
        if (token.type === 'flow-collection') {
          if (lookForBraces && token.start.source === '{' && text.charCodeAt(token.offset + 1) === 0x7b) {
            facts.braceBraces.push(token.offset);
          }
          addComments(facts, token.end);
        }
        for (const item of token.items) {
          addComments(facts, item.start);
          if (item.key) pending.push({ token: item.key, depth: depth + 1 });
          if (item.sep) addComments(facts, item.sep);
          if (item.value) pending.push({ token: item.value, depth: depth + 1 });
        }
        break;
    }
  }
}

function addComments(facts: CstFacts, tokens: readonly CST.Token[] | undefined): void {
  if (!tokens) return;
  for (const token of tokens) if (token.type === 'comment') addComment(facts, token);
}

function addComment(facts: CstFacts, token: CST.SourceToken): void {
  const start = token.offset;
  facts.comments.push({ range: { start, end: start + token.source.length }, text: token.source.slice(1) });
}
