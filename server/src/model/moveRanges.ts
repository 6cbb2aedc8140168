import type { Range } from '../text/range';
import type { Expr, SpreadEntryExpr } from './expr';

type Movable = { start: number; end: number };

/**
 * Moves, in place, every offset at or after `at` in the tree by `delta`: what a text edit before `at` does to the
 * expressions read from the rest of the text. A subtree that ends before `at` is left as it is (a node's text
 * holds its children's), and so is `skip`, which the caller replaces. Each node must have range objects of its own
 * (a shared one would move twice): the ARM reader makes them so. For re-using a tree read from the previous
 * version of a text: whatever else holds the tree sees it move.
 */
export function moveRangesAfter(root: Expr, at: number, delta: number, skip?: Expr): void {
  const move = (range: Range) => {
    const movable = range as Movable;
    if (movable.start >= at) movable.start += delta;
    if (movable.end >= at) movable.end += delta;
  };
  const pending: (Expr | SpreadEntryExpr)[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node === skip || node.range.end < at) continue;
    move(node.range);
    switch (node.kind) {
      case 'object':
        for (const entry of node.entries) {
          if (entry.range.end < at) continue;
          move(entry.range);
          if (entry.kind === 'property') move(entry.keyRange);
          pending.push(entry.value);
        }
        break;
      case 'array':
        for (const item of node.items) pending.push(item);
        break;
      case 'spread':
        pending.push(node.value);
        break;
      case 'call':
        move(node.nameRange);
        for (const arg of node.args) pending.push(arg);
        break;
      case 'member':
        move(node.propertyRange);
        pending.push(node.object);
        break;
      case 'index':
        pending.push(node.object, node.index);
        break;
      case 'conditional':
        pending.push(node.test, node.then, node.else);
        break;
      case 'for':
        pending.push(node.source, node.body);
        if (node.condition) pending.push(node.condition);
        break;
      case 'lambda':
        pending.push(node.body);
        break;
      case 'literal':
      case 'ref':
      case 'invalid':
        break;
    }
  }
}
