// The document-level KQL service: splits a document into query blocks, analyses each with
// the current schema (cached by block text), and answers in document offsets. The language
// server and the `check` command both use it.
import { BlockAnalysis } from './block-analysis';
import { blockAt, splitBlocks, type QueryBlock } from './blocks';
import { applyPolicy } from './diagnostic-policy';
import { buildGlobals } from './globals';
import type { WorkspaceSchema } from './schema';
import type {
  KqlCompletion, KqlDiagnostic, KqlHover, KqlRelated, KqlSignatureHelp, KqlSymbol, KqlTextEdit,
} from './types';

const CACHE_LIMIT = 500;

export class KqlLanguageService {
  private globals: Kusto.Language.GlobalState;
  private readonly cache = new Map<string, BlockAnalysis>();

  constructor(private schema: WorkspaceSchema) {
    this.globals = buildGlobals(schema);
  }

  get currentSchema(): WorkspaceSchema {
    return this.schema;
  }

  setSchema(schema: WorkspaceSchema): void {
    this.globals = buildGlobals(schema);
    this.schema = schema;
    this.cache.clear();
  }

  blocks(text: string): QueryBlock[] {
    return splitBlocks(text);
  }

  /** Diagnostics of one block, in document offsets. */
  blockDiagnostics(block: QueryBlock): KqlDiagnostic[] {
    const analysis = this.analysis(block);
    return applyPolicy(analysis.diagnostics(), this.schema.complete, analysis.syntaxCodes())
      .map((d) => ({ ...d, start: d.start + block.start, end: Math.max(d.end, d.start) + block.start }));
  }

  diagnostics(text: string): KqlDiagnostic[] {
    return splitBlocks(text).flatMap((block) => this.blockDiagnostics(block));
  }

  /**
   * What can be typed at the offset. Only the block up to the end of the cursor's line is
   * analysed: what follows cannot change what is in scope there, and analysis time grows with
   * the text (this is what keeps completion fast in long hunts).
   */
  completions(text: string, offset: number): KqlCompletion[] {
    const block = blockAt(splitBlocks(text), offset);
    if (!block) return [];
    const lineEnd = text.indexOf('\n', offset);
    const end = lineEnd < 0 || lineEnd > block.end ? block.end : lineEnd;
    const head = { start: block.start, end, text: text.slice(block.start, end) };
    return this.analysis(head).completions(offset - block.start)
      .map((c) => ({ ...c, replaceStart: c.replaceStart + block.start, replaceEnd: c.replaceEnd + block.start }));
  }

  hover(text: string, offset: number): KqlHover | undefined {
    return this.atBlock(text, offset, undefined, (analysis, local, block) => {
      const hover = analysis.hover(local);
      return hover && { ...hover, start: hover.start + block.start, end: hover.end + block.start };
    });
  }

  signatureHelp(text: string, offset: number): KqlSignatureHelp | undefined {
    return this.atBlock(text, offset, undefined, (analysis, local) => analysis.signatureHelp(local));
  }

  related(text: string, offset: number): KqlRelated {
    return this.atBlock(text, offset, { declarations: [], references: [] }, (analysis, local, block) => {
      const shift = (r: { start: number; end: number }) => ({ start: r.start + block.start, end: r.end + block.start });
      const related = analysis.related(local);
      return { declarations: related.declarations.map(shift), references: related.references.map(shift) };
    });
  }

  /** Formats every block (or those overlapping [rangeStart, rangeEnd)): each pipe on its own line. */
  format(text: string, indentSize = 4, rangeStart = 0, rangeEnd = text.length): KqlTextEdit[] {
    return splitBlocks(text)
      .filter((block) => block.end >= rangeStart && block.start <= rangeEnd)
      .flatMap((block) => {
        const edit = this.analysis(block).format(indentSize);
        return edit ? [{ ...edit, start: edit.start + block.start, end: edit.end + block.start }] : [];
      });
  }

  symbols(text: string): KqlSymbol[] {
    return splitBlocks(text).flatMap((block) => this.analysis(block).letSymbols().map((s) => ({
      ...s, start: s.start + block.start, end: s.end + block.start, nameStart: s.nameStart + block.start, nameEnd: s.nameEnd + block.start,
    })));
  }

  analysis(block: QueryBlock): BlockAnalysis {
    let analysis = this.cache.get(block.text);
    if (analysis) {
      // Refresh its place in the LRU order.
      this.cache.delete(block.text);
    } else {
      analysis = BlockAnalysis.analyze(block.text, this.globals);
    }
    this.cache.set(block.text, analysis);
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return analysis;
  }

  private atBlock<T>(text: string, offset: number, none: T, answer: (analysis: BlockAnalysis, local: number, block: QueryBlock) => T): T {
    const block = blockAt(splitBlocks(text), offset);
    if (!block) return none;
    return answer(this.analysis(block), offset - block.start, block);
  }
}
