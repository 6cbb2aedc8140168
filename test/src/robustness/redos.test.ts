import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkSync } from 'recheck';
import { REPO } from '../cli/helpers';
import { sourcePatterns, type SourcePattern } from './patterns';

/**
 * The `RegExp`s built at run time, by file, with patterns of the shapes they build. A new one fails the test
 * until it is listed here, so that no pattern escapes the checks below.
 */
const DYNAMIC: Record<string, readonly { source: string; flags: string }[]> = {
  // The names of the `yaml` package's tokens, joined: a fixed list of words.
  'server/src/kubernetes/yamlDocuments.ts': [{ source: '\\b(seq-item-ind|block-seq-ind|explicit-key-ind|doc-start|block-map|flow-collection)\\b( token)?', flags: 'g' }],
  // A built-in role's id (a GUID, no metacharacters) to replace in a role definition id.
  'rules/src/keyvault/keyvault-role-too-broad.ts': [{ source: '4633458b-17de-408a-b874-0445c86b69e6', flags: 'i' }],
};

const SMALL = 2_000;
const LARGE = 20_000;

/** The characters a pattern repeats, and the usual suspects: runs of each are the adversarial inputs. */
function adversarialCharacters(source: string): string[] {
  const written = source.replace(/\\[dDwWsSbB]/g, '').split('').filter((c) => c >= ' ' && c !== '\\');
  return [...new Set([...written, 'a', 'A', '0', ' ', '\t', '\n', '\r', '-', '_', '.', '/', '=', '+', ':', '"', "'", '{', '$', '\u00e9'])];
}

/** The least of a few runs of scanning `input` for every match: the noise of a busy machine is mostly upwards. */
function scanMs(regex: RegExp, input: string, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    input.replace(regex, '');
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

interface Timing {
  readonly pattern: SourcePattern;
  readonly character: string;
  readonly smallMs: number;
  readonly largeMs: number;
}

/** The slowest run of one character through the pattern, at both sizes. */
function worstCase(pattern: SourcePattern): Timing {
  const regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  // One quick run per character finds the worst; only that one is timed carefully at both sizes.
  const [character] = adversarialCharacters(pattern.source)
    .map((c) => [c, scanMs(regex, `${c.repeat(LARGE)}\u0001`, 1)] as const)
    .sort((a, b) => b[1] - a[1])[0];
  return { pattern, character, smallMs: scanMs(regex, `${character.repeat(SMALL)}\u0001`), largeMs: scanMs(regex, `${character.repeat(LARGE)}\u0001`) };
}

describe('robustness: regular expressions are linear-time', function () {
  this.timeout(300_000);
  const found = sourcePatterns(REPO, ['server/src', 'rules/src']);
  const dynamicFiles = [...new Set(found.dynamic.map((d) => d.at.replace(/:\d+$/, '')))];
  const patterns: SourcePattern[] = [
    ...found.patterns,
    ...Object.entries(DYNAMIC).flatMap(([file, shapes]) => shapes.map((s) => ({ ...s, at: `${file} (built at run time)` }))),
  ];

  it('finds the patterns of the sources, and every RegExp built at run time is known', () => {
    assert.ok(found.patterns.length > 50, `${found.patterns.length} patterns`);
    assert.ok(found.patterns.some((p) => p.at.startsWith(`rules${path.sep}src${path.sep}secrets`) || p.at.startsWith('rules/src/secrets')), 'the secret detectors are among them');
    assert.deepEqual(dynamicFiles.sort(), Object.keys(DYNAMIC).sort(), `RegExps built at run time: ${found.dynamic.map((d) => `${d.at}: ${d.text}`).join('; ')}`);
  });

  it('recheck finds no pattern vulnerable to catastrophic backtracking', () => {
    // A fixed seed for recheck's fuzzer; a check that runs out of time proves nothing either way, and the timing test covers it.
    const checked = patterns.map((p) => ({ p, result: checkSync(p.source, p.flags.replace(/[gy]/g, ''), { timeout: 10_000, randomSeed: 6 }) }));
    const vulnerable = checked.flatMap(({ p, result }) => (result.status === 'vulnerable' ? [`${p.at} /${p.source}/${p.flags}: ${result.complexity.type}, e.g. ${JSON.stringify(result.attack.pattern)}`] : []));
    assert.deepEqual(vulnerable, [], 'superlinear patterns');
    const timedOut = checked.filter((c) => c.result.status === 'unknown').map((c) => c.p.at);
    console.log(`      ${patterns.length} patterns checked by recheck: ${checked.filter((c) => c.result.status === 'safe').length} safe, out of time on ${timedOut.join(', ') || 'none'}`);
  });

  it(`each pattern scans runs of ${SMALL} and ${LARGE} repeated characters in time that grows linearly`, () => {
    const timings = patterns.map(worstCase);
    const [slowest] = [...timings].sort((a, b) => b.largeMs - a.largeMs);
    const ratio = (t: Timing) => t.largeMs / Math.max(t.smallMs, 0.01);
    const describe = (t: Timing) =>
      `${t.pattern.at} /${t.pattern.source.slice(0, 60)}/ on ${JSON.stringify(t.character)}: ${t.smallMs.toFixed(2)} ms at ${SMALL}, ${t.largeMs.toFixed(2)} ms at ${LARGE} characters (x${ratio(t).toFixed(1)} for x${LARGE / SMALL} input)`;
    console.log(`      ${patterns.length} patterns; slowest: ${describe(slowest)}`);
    // Quadratic growth would be x100; under 2 ms the ratio is noise, not growth.
    const superlinear = timings.filter((t) => t.largeMs > 2 && ratio(t) > 30);
    assert.deepEqual(superlinear.map((t) => `${t.pattern.at} /${t.pattern.source}/ x${ratio(t).toFixed(0)}`), []);
    assert.ok(slowest.largeMs < 250, `${slowest.largeMs.toFixed(1)} ms for ${LARGE} characters`);
  });
});
