import type { OutputFormat } from './args';
import { formatHtml } from './formats/html';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import type { Report } from './formats/report';

/** The report in the format asked for. */
export function render(report: Report, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'text':
      return formatText(report);
    case 'html':
      return formatHtml(report);
  }
}
