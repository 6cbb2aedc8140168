import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatHtml } from 'ztlint/cli/formats/html';
import { escapeHtml } from 'ztlint/cli/formats/htmlExcerpt';
import { lintScan, type LintedFile } from 'ztlint/engine/lintScan';
import { scan } from 'ztlint/engine/scan';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { REPO, tempDir } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
/** The literal secrets written in examples/: the page must not show them, even in code excerpts. */
const SECRETS = ['P@ssw0rd-EXAMPLE-NOT-REAL', 'Example-Only-Not-A-Secret-1', 'not-a-real-secret-example', 'Example-Only-123'];

const HOSTILE_BICEP = `// </table><script>alert("excerpt")</script>
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-<b>bold</b>'
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: false
  }
}
`;

describe('HTML report', () => {
  let dir = '';
  let files: LintedFile[] = [];
  let html = '';

  before(() => {
    dir = tempDir({ 'hostile.bicep': HOSTILE_BICEP });
    files = lintScan(scan([path.join(REPO, 'examples'), path.join(REPO, 'test/fixtures/cli'), dir]), { catalogue: builtinCatalogue() });
    html = formatHtml({ files, catalogue: builtinCatalogue(), base: REPO });
  });

  it('is one self-contained page with a chart, fetching nothing', () => {
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<svg id="chart"[^>]*>.*<rect /s);
    assert.doesNotMatch(html, /<(script|link|img|iframe)\b/i);
    assert.doesNotMatch(html, /\b(src|href)="(?!https:\/\/github\.com\/ztlint\/)/, 'only links to rule docs');
  });

  it('shows every finding, its fix title, and suppressed findings with their reason', () => {
    const findings = files.flatMap((f) => f.findings);
    assert.ok(findings.length > 20);
    for (const finding of findings) {
      if (finding.suppression) assert.ok(html.includes(escapeHtml(finding.suppression.reason)), `suppression reason of ${finding.ruleId}`);
      else assert.ok(html.includes(escapeHtml(finding.message)), `${finding.ruleId}: ${finding.message}`);
      if (finding.fix && !finding.suppression) assert.ok(html.includes(`Fix: ${escapeHtml(finding.fix.title)}`));
    }
    assert.ok(html.includes('<mark>'), 'finding ranges are highlighted');
  });

  it('lists parse problems and unreadable files', () => {
    assert.match(html, /test\/fixtures\/cli\/half-typed\.bicep:7:\d+<\/code><\/td><td>bicep-syntax/);
    assert.match(html, /test\/fixtures\/cli\/latin1\.yaml<\/code><\/td><td>file-unreadable<\/td><td>invalid UTF-8/);
  });

  it('escapes the source it quotes', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<b>bold/);
    assert.ok(html.includes('&#60;/table&#62;&#60;script&#62;alert(&#34;excerpt&#34;)'), 'the comment is shown, escaped');
  });

  it('never shows a secret written in the examples', () => {
    const texts = files.flatMap(({ result }) => (result.kind === 'analyzed' ? [result.document.text] : []));
    for (const secret of SECRETS) {
      assert.ok(texts.some((text) => text.includes(secret)), `${secret} is written in a linted file`);
      assert.ok(!html.includes(secret) && !html.includes(escapeHtml(secret)), `the page shows ${secret}`);
    }
  });

  it('renders in headless Chromium: the chart has a size, no console errors', async function () {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} for this test: apt-get install -y chromium (.ci/run installs it)`);
    const { chromium } = await import('playwright-core');
    const page = path.join(dir, 'report.html');
    fs.writeFileSync(page, html);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      tab.on('pageerror', (error) => errors.push(error.message));
      tab.on('request', (request) => {
        if (!request.url().startsWith('file:')) errors.push(`fetched ${request.url()}`);
      });
      await tab.goto(`file://${page}`);
      const box = await tab.locator('#chart').boundingBox();
      assert.ok(box && box.width > 100 && box.height > 50, `the chart is drawn: ${JSON.stringify(box)}`);
      const screenshot = path.join(dir, 'report.png');
      await tab.screenshot({ path: screenshot, fullPage: true });
      assert.ok(fs.statSync(screenshot).size > 10_000, 'the screenshot has content');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
