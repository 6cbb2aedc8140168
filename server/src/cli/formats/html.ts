import type { Finding } from '../../lint/finding';
import { SEVERITIES, type Severity } from '../../lint/ruleApi';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { escapeHtml as esc, excerptHtml } from './htmlExcerpt';
import { displayPath, lineIndexOf, regionOf } from './location';
import type { Report } from './report';

const COLOURS: Record<Severity, string> = { error: '#d1242f', warning: '#bf8700', info: '#0969da' };
const AREAS = ['keyvault', 'network', 'secrets', 'identity', 'kubernetes', 'data', 'monitoring'];

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:1100px;margin:0 auto;padding:32px 24px 64px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:40px 0 12px}
.sub{color:#59636e;margin:0 0 24px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #d1d9e0;border-radius:10px;padding:14px 18px;min-width:140px;flex:1}
.card b{display:block;font-size:28px;line-height:1.2}.card span{color:#59636e;font-size:13px}
.card.error b{color:${COLOURS.error}}.card.warning b{color:${COLOURS.warning}}.card.info b{color:${COLOURS.info}}
.panel{background:#fff;border:1px solid #d1d9e0;border-radius:10px;padding:16px 20px}
svg text{font:13px system-ui,sans-serif;fill:#1f2328}
details.file{background:#fff;border:1px solid #d1d9e0;border-radius:10px;margin:12px 0;overflow:hidden}
details.file>summary{cursor:pointer;padding:12px 16px;font-weight:600;background:#f6f8fa;display:flex;gap:12px;align-items:center}
details.file>summary code{flex:1;font-size:14px}
.finding{padding:14px 16px;border-top:1px solid #e6eaef}
.head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.sev{font-size:12px;font-weight:700;text-transform:uppercase;border-radius:20px;padding:1px 9px;color:#fff}
.sev.error{background:${COLOURS.error}}.sev.warning{background:${COLOURS.warning}}.sev.info{background:${COLOURS.info}}
.rule{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}.rule a{color:#0969da;text-decoration:none}
.loc{color:#59636e;font-size:13px}
.msg{margin:6px 0 8px}
.fix{display:inline-block;background:#dafbe1;color:#1a7f37;border-radius:6px;padding:2px 8px;font-size:13px;margin-bottom:8px}
table.src{border-collapse:collapse;width:100%;background:#0d1117;border-radius:8px;overflow:hidden;font:13px/1.55 ui-monospace,SFMono-Regular,Menlo,monospace}
table.src td{padding:0 10px;white-space:pre;color:#e6edf3}
table.src td.ln{width:1%;text-align:right;color:#6e7681;user-select:none;border-right:1px solid #30363d}
table.src tr.hit td.ln{color:#e6edf3;background:#2d1f00}
table.src mark{background:#6e4b00;color:#fff;border-bottom:2px solid #f2cc60;border-radius:2px}
.masked{background:#30363d;color:#8b949e;border-radius:3px;padding:0 3px}.masked.mark{outline:1px solid #f2cc60}
.cut{color:#6e7681}
.badges{display:flex;gap:6px}.badge{font-size:12px;border-radius:20px;padding:0 8px;color:#fff}
table.list{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d1d9e0;border-radius:10px;overflow:hidden}
table.list th,table.list td{text-align:left;padding:8px 12px;border-top:1px solid #e6eaef;vertical-align:top;font-size:14px}
table.list th{background:#f6f8fa;border-top:0}
.empty{color:#59636e}
`;

interface Located {
  readonly file: string;
  readonly line: number;
  readonly finding: Finding;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Findings per area as horizontal bars, stacked by severity. */
function chartSvg(active: readonly Located[], areaOf: (ruleId: string) => string): string {
  const counts = new Map<string, Record<Severity, number>>();
  for (const { finding } of active) {
    const area = areaOf(finding.ruleId);
    const row = counts.get(area) ?? { error: 0, warning: 0, info: 0 };
    row[finding.severity]++;
    counts.set(area, row);
  }
  const areas = [...AREAS.filter((a) => counts.has(a)), ...[...counts.keys()].filter((a) => !AREAS.includes(a)).sort()];
  const rowHeight = 34;
  const labelWidth = 110;
  const barWidth = 560;
  const width = labelWidth + barWidth + 60;
  const height = Math.max(1, areas.length) * rowHeight + 44;
  const max = Math.max(1, ...areas.map((a) => SEVERITIES.reduce((sum, s) => sum + counts.get(a)![s], 0)));
  const parts: string[] = [];
  areas.forEach((area, i) => {
    const row = counts.get(area)!;
    const y = i * rowHeight + 8;
    let x = labelWidth;
    parts.push(`<text x="${labelWidth - 10}" y="${y + 17}" text-anchor="end">${esc(area)}</text>`);
    for (const severity of SEVERITIES) {
      if (row[severity] === 0) continue;
      const w = (row[severity] / max) * barWidth;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="24" rx="3" fill="${COLOURS[severity]}"><title>${esc(area)}: ${plural(row[severity], severity)}</title></rect>`);
      x += w;
    }
    const total = SEVERITIES.reduce((sum, s) => sum + row[s], 0);
    parts.push(`<text x="${(x + 8).toFixed(1)}" y="${y + 17}">${total}</text>`);
  });
  if (areas.length === 0) parts.push(`<text x="${labelWidth}" y="25">no findings</text>`);
  const legendY = height - 14;
  SEVERITIES.forEach((severity, i) => {
    const x = labelWidth + i * 100;
    parts.push(`<rect x="${x}" y="${legendY - 10}" width="12" height="12" rx="2" fill="${COLOURS[severity]}"/><text x="${x + 18}" y="${legendY}">${severity}</text>`);
  });
  return `<svg id="chart" role="img" aria-label="Findings by area and severity" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/**
 * A self-contained HTML page for people: a summary, findings by area and severity as a chart, then each file's
 * findings with the code around them. No scripts and nothing fetched. Values that may be secrets are masked in the
 * excerpts of files with `secrets-*` findings: the messages mask what they detect, but the source would not.
 */
export function formatHtml({ files, catalogue, base }: Report): string {
  const areaOf = (ruleId: string) => catalogue.meta(ruleId)?.area ?? 'other';
  const active: Located[] = [];
  const suppressed: Located[] = [];
  const fileSections: string[] = [];
  const problems: string[] = [];
  let linted = 0;

  for (const { result, findings, failures } of files) {
    const shown = displayPath(result.path, base);
    if (result.kind === 'unreadable') {
      problems.push(`<tr><td><code>${esc(shown)}</code></td><td>file-unreadable</td><td>${esc(result.message)}</td></tr>`);
      continue;
    }
    const { document } = result;
    if (document.format !== 'not-linted') linted++;
    for (const d of document.diagnostics) {
      const region = regionOf(document, d.range);
      problems.push(`<tr><td><code>${esc(shown)}:${region.startLine}:${region.startColumn}</code></td><td>${esc(d.code)}</td><td>${esc(d.message)}</td></tr>`);
    }
    for (const f of failures) problems.push(`<tr><td><code>${esc(shown)}</code></td><td>rule-failure</td><td>rule ${esc(f.ruleId)} failed: ${esc(f.message)}</td></tr>`);
    for (const finding of findings) (finding.suppression ? suppressed : active).push({ file: shown, line: regionOf(document, finding.range).startLine, finding });

    const open = findings.filter((f) => !f.suppression);
    if (open.length === 0) continue;
    const index = lineIndexOf(document);
    const excerpt = { mask: findings.some((f) => f.ruleId.startsWith('secrets-')), yaml: document.format === 'kubernetes' || document.format === 'helm' };
    const badges = SEVERITIES.map((s) => [s, open.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `<span class="badge" style="background:${COLOURS[s]}">${plural(n, s)}</span>`)
      .join('');
    const items = open.map((f) => {
      const region = regionOf(document, f.range);
      const uri = catalogue.docsUri(f.ruleId);
      const rule = uri ? `<a href="${esc(uri)}">${esc(f.ruleId)}</a>` : esc(f.ruleId);
      return `<div class="finding"><div class="head"><span class="sev ${f.severity}">${f.severity}</span><span class="rule">${rule}</span><span class="loc">line ${region.startLine}, column ${region.startColumn}</span></div>
<div class="msg">${esc(f.message)}</div>${f.fix ? `<div class="fix">Fix: ${esc(f.fix.title)}</div>` : ''}
<table class="src">${excerptHtml(index, f.range, excerpt)}</table></div>`;
    });
    fileSections.push(`<details class="file" open><summary><code>${esc(shown)}</code><span class="badges">${badges}</span></summary>${items.join('\n')}</details>`);
  }

  const count = (s: Severity) => active.filter((l) => l.finding.severity === s).length;
  const cards = [
    ...SEVERITIES.map((s) => `<div class="card ${s}"><b>${count(s)}</b><span>${s === 'info' ? 'info' : `${s}s`}</span></div>`),
    `<div class="card"><b>${linted}</b><span>linted files</span></div>`,
    `<div class="card"><b>${suppressed.length}</b><span>suppressed</span></div>`,
    `<div class="card"><b>${problems.length}</b><span>problems reading files</span></div>`,
  ];
  const suppressedRows = suppressed.map(({ file, line, finding }) => `<tr><td><code>${esc(file)}:${line}</code></td><td class="rule">${esc(finding.ruleId)}</td><td>${esc(finding.suppression!.reason)}</td></tr>`);
  const table = (head: string, rows: string[], none: string) => (rows.length > 0 ? `<table class="list"><tr>${head}</tr>${rows.join('')}</table>` : `<p class="empty">${none}</p>`);

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${TOOL_NAME} report</title><style>${STYLE}</style></head>
<body><main>
<h1>${TOOL_NAME} report</h1>
<p class="sub">${plural(active.length, 'finding')} in ${plural(linted, 'linted file')} · ${esc(base)} · ${TOOL_NAME} ${esc(TOOL_VERSION)}</p>
<div class="cards">${cards.join('')}</div>
<h2>By area and severity</h2>
<div class="panel">${chartSvg(active, areaOf)}</div>
<h2>By file</h2>
${fileSections.join('\n') || '<p class="empty">No findings.</p>'}
<h2>Suppressed findings</h2>
${table('<th>where</th><th>rule</th><th>reason</th>', suppressedRows, 'None.')}
<h2>Problems reading files</h2>
${table('<th>where</th><th>problem</th><th>message</th>', problems, 'None: every file was read and parsed.')}
</main></body></html>
`;
}
