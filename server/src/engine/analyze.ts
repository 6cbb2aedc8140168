import * as path from 'node:path';
import { loadArm, type ArmLoad } from '../arm/index';
import { TemplateCache } from '../arm/templateCache';
import { loadBicep } from '../bicep/index';
import { loadKubernetes, type KubernetesLoad } from '../kubernetes/index';
import { ManifestCache } from '../kubernetes/manifestCache';
import { AnalysisTimedOut, type Deadline } from '../lint/deadline';
import type { AnalyzedDocument } from './document';

/** Top-level keys every Kubernetes object has, at the start of a line. */
const LOOKS_LIKE_MANIFEST = [/^apiVersion:/m, /^kind:/m];

/**
 * How an editor reads the versions of one open file: re-reading only what an edit changed (the documents of a
 * manifest, the object of a template). Each is given that file's versions only.
 */
export interface VersionReaders {
  readonly yaml?: (text: string, deadline?: Deadline) => KubernetesLoad;
  readonly json?: (text: string, check?: () => void) => ArmLoad;
}

/** The readers of one open file's versions, each keeping what the next version can re-use. */
export function versionReaders(): VersionReaders {
  const manifests = new ManifestCache();
  const templates = new TemplateCache();
  return { yaml: (text, deadline) => manifests.load(text, deadline), json: (text, check) => templates.load(text, check) };
}

/**
 * Reads one file's text into the model. The file name says which syntax to try; the content decides whether it
 * is linted at all: JSON must carry an ARM `$schema`, YAML must hold Kubernetes objects. Past the deadline,
 * reading stops and the document carries `timedOut` (a JSON file cut short is taken for a template: it was not
 * read far enough to tell).
 */
export function analyzeDocument(filePath: string, text: string, readers: VersionReaders = {}, deadline?: Deadline): AnalyzedDocument {
  const { yaml: readYaml = loadKubernetes, json: readJson = loadArm } = readers;
  const extension = path.extname(filePath).toLowerCase();
  const base = { path: filePath, text };
  switch (extension) {
    case '.bicep':
    case '.bicepparam': {
      const format = extension === '.bicep' ? 'bicep' : 'bicepparam';
      const loaded = readWithin(deadline, 'reading Bicep', (check) => loadBicep(text, filePath, check));
      if (loaded instanceof AnalysisTimedOut) return { ...base, format, diagnostics: [], comments: [], timedOut: loaded };
      return { ...base, ...loaded, format };
    }
    case '.json':
    case '.jsonc': {
      const loaded = readWithin(deadline, 'reading JSON', (check) => readJson(text, check));
      if (loaded instanceof AnalysisTimedOut) return { ...base, format: 'arm-template', diagnostics: [], comments: [], timedOut: loaded };
      if (loaded.kind === 'not-arm') return { ...base, format: 'not-linted', diagnostics: [], comments: [] };
      return { ...base, ...loaded, format: loaded.kind === 'template' ? 'arm-template' : 'arm-parameters' };
    }
    case '.yaml':
    case '.yml': {
      const loaded = readYaml(text, deadline);
      const timedOut = loaded.timedOut ? { timedOut: loaded.timedOut } : {};
      if (loaded.helmTemplate) return { ...base, format: 'helm', diagnostics: loaded.diagnostics, comments: [] };
      if (!loaded.isKubernetes) {
        // A manifest being typed is often broken YAML: its top-level `apiVersion:` and `kind:` still say what it is,
        // so its syntax errors are shown. Other YAML with errors is not ztlint's to report.
        if (loaded.diagnostics.some((d) => d.severity === 'error') && LOOKS_LIKE_MANIFEST.every((key) => key.test(text))) {
          return { ...base, format: 'kubernetes', diagnostics: loaded.diagnostics, comments: loaded.comments, kubernetesObjects: [], ...timedOut };
        }
        // A file refused before its objects could be read (nested too deeply, an internal error) still says why.
        const refused = loaded.diagnostics.filter((d) => d.code === 'yaml-depth-limit' || d.code === 'yaml-internal-error');
        return { ...base, format: 'not-linted', diagnostics: refused, comments: [], ...timedOut };
      }
      return { ...base, format: 'kubernetes', diagnostics: loaded.diagnostics, comments: loaded.comments, kubernetesObjects: loaded.objects, ...timedOut };
    }
    default:
      return { ...base, format: 'not-linted', diagnostics: [], comments: [] };
  }
}

/** Reads with the deadline checked as the reader goes; the time-out if it passed. */
function readWithin<T>(deadline: Deadline | undefined, during: string, read: (check?: () => void) => T): T | AnalysisTimedOut {
  if (!deadline) return read();
  deadline.during = during;
  try {
    return read(deadline.check);
  } catch (error) {
    if (error instanceof AnalysisTimedOut) return error;
    throw error;
  }
}
