import type { Range } from '../text/range';
import type { SyntaxDiagnostic } from '../text/syntaxDiagnostic';

/**
 * Finds a Helm (Go template) action where YAML structure is expected, given the offsets of `{{` that the YAML
 * parser read as the start of a flow mapping (so never inside a quoted or block scalar, a plain scalar or a comment).
 *
 * Position alone is not enough: sed-style placeholders such as `replicas: {{replicas}}` are valid YAML in the same
 * position and occur in rendered-by-script manifests. Go template actions differ in content: a trim marker, a
 * comment, a field or variable (`.Values`, `$x`), a parenthesised pipeline, a function or keyword with arguments
 * (`include "x" .`, `if .Values.y`), or a bare `else`/`end`. A placeholder is a lone identifier.
 * Templates embedded in strings (Prometheus alert text, ConfigMap scripts) are not at such positions.
 */
export function findHelmAction(text: string, braceBraces: readonly number[]): Range | undefined {
  // The first `}}` after a `{{` closes it, and every later `{{` before that `}}` too: found once for all of them,
  // so that many `{{` before one `}}` (or none) do not make the search quadratic.
  let close = -1;
  for (const start of [...braceBraces].sort((a, b) => a - b)) {
    if (close < start + 2) close = text.indexOf('}}', start + 2);
    if (close < 0) return undefined;
    if (close - start - 2 <= MAX_ACTION && GO_ACTION.test(text.slice(start + 2, close))) return { start, end: close + 2 };
  }
  return undefined;
}

/** Characters between `{{` and `}}`: an action is a line or a few; a `}}` further on is not taken to close it. */
const MAX_ACTION = 1000;
const GO_ACTION = /^\s*(?:-\s|\/\*|[.$(]|(?:else|end)\s*$|[A-Za-z_]\w*\s+\S)|\s-$/;

export function helmSkipped(range: Range): SyntaxDiagnostic {
  return {
    message: 'Helm template: ztlint lints rendered manifests; run `helm template` and lint its output',
    range,
    severity: 'info',
    code: 'helm-template-skipped',
  };
}
