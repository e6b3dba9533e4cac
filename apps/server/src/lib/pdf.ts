/**
 * The one PDF writer of the application (pdf-lib), in lib/ for every module: the demo documents and the BIA. A branded
 * header, headings, paragraphs, bullet lists, tables and form lines, with word wrapping and
 * page breaks. The text is set in DejaVu Sans (a Unicode font, package `dejavu-fonts-ttf`,
 * licence in its LICENSE file), embedded as a subset of the glyphs used: names such as
 * « Łukasz Ștefan Nguyễn-Wójcik » print and copy intact. A character the font lacks (an emoji)
 * is replaced.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';

export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; columns: { title: string; width: number }[]; rows: string[][] }
  /** Blank fields to fill in by hand: one labelled line each. */
  | { kind: 'fields'; labels: string[] }
  | { kind: 'spacer'; height: number };

export interface PdfContent {
  title: string;
  subtitle?: string;
  blocks: PdfBlock[];
}

export interface PdfBranding {
  brandName: string;
  /** '#rrggbb' */
  primaryColor: string;
}

/** A two-column table « Rubrique | Valeur », an empty value printed « - ». */
export function pairsTable(pairs: [string, string | null | undefined][]): PdfBlock {
  return {
    kind: 'table',
    columns: [
      { title: 'Rubrique', width: 2 },
      { title: 'Valeur', width: 3 },
    ],
    rows: pairs.map(([label, value]) => [label, value && value !== '' ? value : '-']),
  };
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 56;
const BODY_SIZE = 10;
const LINE = 14;

const require = createRequire(import.meta.url);
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;

/** DejaVu Sans and DejaVu Sans Bold, read once. */
function dejaVuSans() {
  fontFiles ??= {
    regular: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fontFiles;
}

/** Stand-ins for characters the font may lack. */
const REPLACEMENTS: Record<string, string> = {
  '\u2192': '->',
  '\u2265': '>=',
  '\u2264': '<=',
  '\u2713': 'x',
};

/** Keeps the text within the characters both fonts draw (others become a stand-in or « ? »). */
function printable(text: string, supported: Set<number>): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (supported.has(code)) out += c;
    else out += REPLACEMENTS[c] ?? '?';
  }
  return out;
}

function hexColor(rgb: (r: number, g: number, b: number) => RGB, hex: string): RGB {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

function wrap(
  text: string,
  font: PDFFont,
  size: number,
  width: number,
  clean: (text: string) => string,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n').map(clean)) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (line !== '' && font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  clean: (text: string) => string;
}

interface Palette {
  primary: RGB;
  text: RGB;
  grey: RGB;
  rule: RGB;
  white: RGB;
}

const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;

/** The pages being written: the current page, the height left on it, and each kind of block. */
class PageWriter {
  private page!: PDFPage;
  private y = 0;
  private pageNumber = 0;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
    private readonly colors: Palette,
    private readonly header: { brandName: string; title: string },
  ) {}

  /** A new page with the brand's band and name, the page number and the title at the bottom. */
  newPage(): void {
    const { regular, bold, clean } = this.fonts;
    const { primary, grey } = this.colors;
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pageNumber += 1;
    const page = this.page;
    page.drawRectangle({ x: 0, y: PAGE.height - 8, width: PAGE.width, height: 8, color: primary });
    page.drawText(clean(this.header.brandName), {
      x: MARGIN,
      y: PAGE.height - 36,
      size: 11,
      font: bold,
      color: primary,
    });
    page.drawText(`Page ${this.pageNumber}`, {
      x: PAGE.width - MARGIN - 40,
      y: 30,
      size: 8,
      font: regular,
      color: grey,
    });
    page.drawText(clean(this.header.title), {
      x: MARGIN,
      y: 30,
      size: 8,
      font: regular,
      color: grey,
    });
    this.y = PAGE.height - 64;
  }

  /** Moves down by `height`. */
  skip(height: number): void {
    this.y -= height;
  }

  private ensure(height: number): void {
    if (this.y - height < 56) this.newPage();
  }

  /** Wrapped text, a line at a time, on as many pages as it takes. */
  text(value: string, font: PDFFont, size: number, color: RGB, indent = 0): void {
    const lines = wrap(value, font, size, CONTENT_WIDTH - indent, this.fonts.clean);
    for (const line of lines) {
      this.ensure(LINE);
      this.page.drawText(line, { x: MARGIN + indent, y: this.y - size, size, font, color });
      this.y -= size + 4;
    }
  }

  heading(value: string): void {
    this.ensure(40);
    this.y -= 8;
    this.text(value, this.fonts.bold, 12.5, this.colors.primary);
    this.y -= 2;
  }

  bullets(items: readonly string[]): void {
    for (const item of items) {
      this.ensure(LINE);
      this.page.drawText('•', {
        x: MARGIN + 2,
        y: this.y - BODY_SIZE,
        size: BODY_SIZE,
        font: this.fonts.regular,
        color: this.colors.primary,
      });
      this.text(item, this.fonts.regular, BODY_SIZE, this.colors.text, 14);
    }
    this.y -= 6;
  }

  table(columns: readonly { title: string; width: number }[], rows: readonly string[][]): void {
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    this.tableRow(
      columns.map((c) => c.title),
      widths,
      true,
    );
    for (const row of rows) this.tableRow(row, widths, false);
    this.y -= 10;
  }

  private tableRow(cells: readonly string[], widths: readonly number[], header: boolean): void {
    const font = header ? this.fonts.bold : this.fonts.regular;
    const wrapped = cells.map((c, i) => wrap(c, font, 8.5, (widths[i] ?? 0) - 8, this.fonts.clean));
    const height = Math.max(...wrapped.map((w) => w.length)) * 11 + 6;
    this.ensure(height);
    const bottom = this.y - height;
    if (header) {
      this.page.drawRectangle({
        x: MARGIN,
        y: bottom,
        width: CONTENT_WIDTH,
        height,
        color: this.colors.primary,
      });
    } else {
      this.page.drawLine({
        start: { x: MARGIN, y: bottom },
        end: { x: MARGIN + CONTENT_WIDTH, y: bottom },
        thickness: 0.5,
        color: this.colors.rule,
      });
    }
    let x = MARGIN;
    wrapped.forEach((lines, i) => {
      lines.forEach((line, j) => {
        this.page.drawText(line, {
          x: x + 4,
          y: this.y - 12 - j * 11,
          size: 8.5,
          font,
          color: header ? this.colors.white : this.colors.text,
        });
      });
      x += widths[i] ?? 0;
    });
    this.y = bottom;
  }

  /** Labelled lines to fill in by hand. */
  fields(labels: readonly string[]): void {
    const { regular, clean } = this.fonts;
    for (const label of labels) {
      this.ensure(24);
      const l = clean(label);
      this.page.drawText(l, {
        x: MARGIN,
        y: this.y - 12,
        size: BODY_SIZE,
        font: regular,
        color: this.colors.text,
      });
      const start = MARGIN + regular.widthOfTextAtSize(l, BODY_SIZE) + 6;
      this.page.drawLine({
        start: { x: Math.min(start, MARGIN + CONTENT_WIDTH - 60), y: this.y - 14 },
        end: { x: MARGIN + CONTENT_WIDTH, y: this.y - 14 },
        thickness: 0.5,
        dashArray: [2, 2],
        color: this.colors.grey,
      });
      this.y -= 24;
    }
    this.y -= 6;
  }

  block(block: PdfBlock): void {
    switch (block.kind) {
      case 'heading':
        return this.heading(block.text);
      case 'paragraph':
        this.text(block.text, this.fonts.regular, BODY_SIZE, this.colors.text);
        return this.skip(6);
      case 'bullets':
        return this.bullets(block.items);
      case 'table':
        return this.table(block.columns, block.rows);
      case 'fields':
        return this.fields(block.labels);
      case 'spacer':
        return this.skip(block.height);
    }
  }
}

/** The document with its metadata and its embedded fonts (DejaVu Sans, subset). */
async function createDocument(title: string, author: string, now: Date) {
  // Loaded with the first PDF, not at start: fontkit weighs ~35 MB of the server's memory,
  // pdf-lib ~5 MB.
  const { PDFDocument, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const { default: fontkit } = await import('@pdf-lib/fontkit');
  pdf.registerFontkit(fontkit);
  pdf.setTitle(title);
  pdf.setAuthor(author);
  pdf.setProducer('Affilia');
  pdf.setCreator('Affilia');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  pdf.setLanguage('fr-FR');
  const files = dejaVuSans();
  const regular = await pdf.embedFont(files.regular, { subset: true });
  const bold = await pdf.embedFont(files.bold, { subset: true });
  const boldSet = new Set(bold.getCharacterSet());
  const supported = new Set(regular.getCharacterSet().filter((c) => boldSet.has(c)));
  const fonts: Fonts = { regular, bold, clean: (t: string) => printable(t, supported) };
  return { pdf, fonts, rgb };
}

/** Renders the content as a PDF; `now` is the creation date written in the metadata. */
export function renderPdf(content: PdfContent, branding: PdfBranding, now: Date): Promise<Buffer> {
  return renderPdfDocuments([content], branding, now, content.title);
}

/**
 * Several documents in one PDF, each from a new page with its own page numbers (the pre-filled
 * BIAs of a file, to print at once); the fonts are embedded once. `title` is the file's.
 */
export async function renderPdfDocuments(
  contents: readonly PdfContent[],
  branding: PdfBranding,
  now: Date,
  title: string,
): Promise<Buffer> {
  const { pdf, fonts, rgb } = await createDocument(title, branding.brandName, now);
  const colors: Palette = {
    primary: hexColor(rgb, branding.primaryColor),
    text: rgb(0.13, 0.13, 0.13),
    grey: rgb(0.45, 0.45, 0.45),
    rule: rgb(0.8, 0.8, 0.8),
    white: rgb(1, 1, 1),
  };
  for (const content of contents) {
    const writer = new PageWriter(pdf, fonts, colors, {
      brandName: branding.brandName,
      title: content.title,
    });
    writer.newPage();
    writer.text(content.title, fonts.bold, 18, colors.primary);
    if (content.subtitle) {
      writer.skip(2);
      writer.text(content.subtitle, fonts.regular, 11, colors.grey);
    }
    writer.skip(10);
    for (const block of content.blocks) writer.block(block);
  }
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}
