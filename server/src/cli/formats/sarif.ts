import { pathToFileURL } from 'node:url';
import type { ScanResult } from '../../engine/scan';
import type { SyntaxSeverity } from '../../text/syntaxDiagnostic';
import { TOOL_INFORMATION_URI, TOOL_NAME, TOOL_VERSION } from '../../version';
import { displayPath, regionOf } from './location';

const LEVEL: Record<SyntaxSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0. Problems reading a file are not findings about the code, so they are tool execution
 * notifications (code scanning shows them as tool warnings), each with the file's location.
 */
export function formatSarif(result: ScanResult, base: string): string {
  const locationOf = (filePath: string) => ({ uri: encodeURI(displayPath(filePath, base)), uriBaseId: '%SRCROOT%' });
  // Every file read is listed, so a consumer can tell a clean file from one that was never scanned.
  const artifacts = result.files
    .filter((file) => file.kind === 'unreadable' || file.document.format !== 'not-linted')
    .map((file) => ({ location: locationOf(file.path), ...(file.kind === 'analyzed' ? { properties: { format: file.document.format } } : {}) }));
  const notifications = result.files.flatMap((file) => {
    const artifactLocation = locationOf(file.path);
    if (file.kind === 'unreadable') {
      return [{ level: 'error', message: { text: file.message }, descriptor: { id: 'file-unreadable' }, locations: [{ physicalLocation: { artifactLocation } }] }];
    }
    const { document } = file;
    return document.diagnostics.map((d) => ({
      level: LEVEL[d.severity],
      message: { text: d.message },
      descriptor: { id: d.code },
      locations: [{ physicalLocation: { artifactLocation, region: regionOf(document, d.range) } }],
    }));
  });
  const baseUri = pathToFileURL(base).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: TOOL_INFORMATION_URI, rules: [] } },
        originalUriBaseIds: { '%SRCROOT%': { uri: baseUri } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        artifacts,
        results: [],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
