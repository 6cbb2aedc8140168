import type { Deadline } from '../lint/deadline';
import type { KubernetesObject } from '../model/kubernetes';
import type { SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { loadKubernetes, readManifest, type KubernetesLoad, type ManifestRead } from './index';
import { findDeepIndentation } from './nesting';
import { aliasBudget } from './yamlValue';
import { shiftedAll } from '../text/range';
import { shiftObjects } from './shiftRanges';

/**
 * A line that starts a YAML document: `---` at the start of a line, alone or followed by a space or tab. A line
 * starts after `\n` only: the `yaml` package reads a lone `\r` as no line break before a `---`.
 */
const DOCUMENT_START = /(?<=\n)---(?=[ \t]|\r?\n|$)/g;
/** Directives (`%YAML`) and document end markers (`...`) carry state across a `---`: such files are read whole. */
const CROSS_DOCUMENT_SYNTAX = /^(?:%|\.\.\.(?:[ \t]|\r?\n|$))/m;

/** A part of the text from one `---` to the next, read on its own with offsets from its own start. */
interface Part {
  readonly text: string;
  /** undefined when a line is indented too deeply to be read (see `findDeepIndentation`): the file is read whole */
  readonly read?: ManifestRead;
  /** the same read with offsets from the start of the file, for the last offset the part was at */
  placed?: { readonly start: number; readonly documentIndex: number; readonly load: KubernetesLoad };
}

function splitAtDocumentStarts(text: string): { start: number; text: string }[] {
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) if (match.index > 0) starts.push(match.index);
  return starts.map((start, i) => ({ start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}

/**
 * Reads the successive versions of one manifest as an editor sends them, re-reading only the YAML documents whose
 * text changed: the `yaml` package composes about 3 MB/s, so a 2 MB manifest of 74 documents takes most of a
 * second whole but a few milliseconds per edited document. A part is cut at each `---` line (a document start
 * ends any scalar or collection a valid document left open), read with the same reader as a whole file, and its
 * offsets and document indexes moved to where it now sits. Where reading the parts could differ from reading the
 * whole (YAML directives, `...` markers, nesting past the depth limit, aliases that would together overrun the
 * file's alias budget), the whole text is read instead; from a part with errors on, the rest of the text is one
 * part. Only the parts of the latest version are kept.
 * With a deadline, the parts are read until it passes: the load has the objects of the parts read before, and
 * those parts are kept, so that the next version goes on from there.
 */
export class ManifestCache {
  private parts = new Map<string, Part>();

  load(text: string, deadline?: Deadline): KubernetesLoad {
    try {
      return this.loadParts(text, deadline);
    } catch {
      // the whole read reports what went wrong, as it does for any file
      this.parts.clear();
      return loadKubernetes(text, deadline);
    }
  }

  private loadParts(text: string, deadline: Deadline | undefined): KubernetesLoad {
    const pieces = CROSS_DOCUMENT_SYNTAX.test(text) ? [] : splitAtDocumentStarts(text);
    if (pieces.length < 2) {
      this.parts.clear();
      return loadKubernetes(text, deadline);
    }
    const previous = this.parts;
    this.parts = new Map();
    const placedPieces: { start: number; text: string }[] = [];
    for (let i = 0; i < pieces.length; i++) {
      let piece = pieces[i];
      let part = this.parts.get(piece.text) ?? previous.get(piece.text) ?? readPart(piece.text, deadline);
      if (!readCleanly(part) && i < pieces.length - 1) {
        // An error can leave open what the next `---` would otherwise close (a quoted scalar, a flow collection),
        // and its range can reach past the part: from here on, the text is read as one part.
        piece = { start: piece.start, text: text.slice(piece.start) };
        part = previous.get(piece.text) ?? readPart(piece.text, deadline);
        i = pieces.length;
      }
      const timedOut = part.read?.timedOut;
      if (timedOut) {
        for (const rest of pieces) if (!this.parts.has(rest.text) && previous.has(rest.text)) this.parts.set(rest.text, previous.get(rest.text)!);
        const before = this.assemble(placedPieces);
        return { ...(before ?? { objects: [], diagnostics: [], comments: [], isKubernetes: false, helmTemplate: false }), timedOut };
      }
      this.parts.set(piece.text, part);
      placedPieces.push(piece);
    }
    return this.assemble(placedPieces) ?? loadKubernetes(text, deadline);
  }

  private assemble(pieces: readonly { start: number; text: string }[]): KubernetesLoad | undefined {
    let nodeCount = 0;
    let aliasNodes = 0;
    for (const piece of pieces) {
      const { read } = this.parts.get(piece.text)!;
      if (!read || read.aliasBudgetExhausted) return undefined;
      nodeCount += read.nodeCount;
      aliasNodes += read.aliasNodes;
    }
    // Within the whole file's budget, no alias was refused that a read of the whole would have expanded.
    if (aliasNodes > aliasBudget(nodeCount).remaining) return undefined;

    const objects: KubernetesObject[] = [];
    const diagnostics: SyntaxDiagnostic[] = [];
    const comments: KubernetesLoad['comments'][number][] = [];
    let documentIndex = 0;
    for (const piece of pieces) {
      const part = this.parts.get(piece.text)!;
      const load = placed(part, piece.start, documentIndex);
      // The first Helm action of the file is in the first part that has one: the file is a chart template.
      if (load.helmTemplate) return { ...load, objects: [], comments: [] };
      objects.push(...load.objects);
      diagnostics.push(...load.diagnostics);
      comments.push(...load.comments);
      documentIndex += part.read!.documents;
    }
    return { objects, diagnostics, comments, isKubernetes: objects.length > 0, helmTemplate: false };
  }
}

/** Read without an error or warning: whatever the part opened, it closed. */
function readCleanly(part: Part): boolean {
  return part.read !== undefined && part.read.diagnostics.length === 0;
}

/** Parts are cut at line starts, so a line indented too deeply is in one part: the check is made per part. */
function readPart(text: string, deadline: Deadline | undefined): Part {
  return findDeepIndentation(text) === undefined ? { text, read: readManifest(text, deadline) } : { text };
}

/** The part's read at this offset and first document index; moved once per new position, then shared. */
function placed(part: Part, start: number, documentIndex: number): KubernetesLoad {
  if (part.placed?.start === start && part.placed.documentIndex === documentIndex) return part.placed.load;
  const read = part.read!;
  const load: KubernetesLoad = start === 0 && documentIndex === 0
    ? read
    : {
        objects: shiftObjects(read.objects, start, documentIndex),
        diagnostics: shiftedAll(read.diagnostics, start),
        comments: shiftedAll(read.comments, start),
        isKubernetes: read.isKubernetes,
        helmTemplate: read.helmTemplate,
      };
  part.placed = { start, documentIndex, load };
  return load;
}
