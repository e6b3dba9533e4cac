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
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';

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

/** Renders the content as a PDF; `now` is the creation date written in the metadata. */
export async function renderPdf(
  content: PdfContent,
  branding: PdfBranding,
  now: Date,
): Promise<Buffer> {
  // Loaded with the first PDF, not at start: fontkit weighs ~35 MB of the server's memory,
  // pdf-lib ~5 MB.
  const { PDFDocument, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const { default: fontkit } = await import('@pdf-lib/fontkit');
  pdf.registerFontkit(fontkit);
  pdf.setTitle(content.title);
  pdf.setAuthor(branding.brandName);
  pdf.setProducer('Affilia');
  pdf.setCreator('Affilia');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  pdf.setLanguage('fr-FR');
  const fonts = dejaVuSans();
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  const boldSet = new Set(bold.getCharacterSet());
  const supported = new Set(regular.getCharacterSet().filter((c) => boldSet.has(c)));
  const clean = (t: string) => printable(t, supported);
  const primary = hexColor(rgb, branding.primaryColor);
  const text = rgb(0.13, 0.13, 0.13);
  const grey = rgb(0.45, 0.45, 0.45);
  const contentWidth = PAGE.width - 2 * MARGIN;

  let page!: PDFPage;
  let y = 0;
  let pageNumber = 0;

  const newPage = () => {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    pageNumber += 1;
    page.drawRectangle({ x: 0, y: PAGE.height - 8, width: PAGE.width, height: 8, color: primary });
    page.drawText(clean(branding.brandName), {
      x: MARGIN,
      y: PAGE.height - 36,
      size: 11,
      font: bold,
      color: primary,
    });
    page.drawText(`Page ${pageNumber}`, {
      x: PAGE.width - MARGIN - 40,
      y: 30,
      size: 8,
      font: regular,
      color: grey,
    });
    page.drawText(clean(content.title), {
      x: MARGIN,
      y: 30,
      size: 8,
      font: regular,
      color: grey,
    });
    y = PAGE.height - 64;
  };
  const ensure = (height: number) => {
    if (y - height < 56) newPage();
  };
  const drawLines = (lines: string[], font: PDFFont, size: number, x: number, color: RGB) => {
    for (const line of lines) {
      ensure(LINE);
      page.drawText(line, { x, y: y - size, size, font, color });
      y -= size + 4;
    }
  };

  newPage();
  drawLines(wrap(content.title, bold, 18, contentWidth, clean), bold, 18, MARGIN, primary);
  if (content.subtitle) {
    y -= 2;
    drawLines(wrap(content.subtitle, regular, 11, contentWidth, clean), regular, 11, MARGIN, grey);
  }
  y -= 10;

  for (const block of content.blocks) {
    switch (block.kind) {
      case 'heading':
        ensure(40);
        y -= 8;
        drawLines(wrap(block.text, bold, 12.5, contentWidth, clean), bold, 12.5, MARGIN, primary);
        y -= 2;
        break;
      case 'paragraph':
        drawLines(
          wrap(block.text, regular, BODY_SIZE, contentWidth, clean),
          regular,
          BODY_SIZE,
          MARGIN,
          text,
        );
        y -= 6;
        break;
      case 'bullets':
        for (const item of block.items) {
          const lines = wrap(item, regular, BODY_SIZE, contentWidth - 14, clean);
          ensure(LINE);
          page.drawText('•', {
            x: MARGIN + 2,
            y: y - BODY_SIZE,
            size: BODY_SIZE,
            font: regular,
            color: primary,
          });
          drawLines(lines, regular, BODY_SIZE, MARGIN + 14, text);
        }
        y -= 6;
        break;
      case 'table': {
        const total = block.columns.reduce((s, c) => s + c.width, 0);
        const widths = block.columns.map((c) => (c.width / total) * contentWidth);
        const drawRow = (cells: string[], font: PDFFont, header: boolean) => {
          const wrapped = cells.map((c, i) => wrap(c, font, 8.5, (widths[i] ?? 0) - 8, clean));
          const height = Math.max(...wrapped.map((w) => w.length)) * 11 + 6;
          ensure(height);
          if (header) {
            page.drawRectangle({
              x: MARGIN,
              y: y - height,
              width: contentWidth,
              height,
              color: primary,
            });
          } else {
            page.drawLine({
              start: { x: MARGIN, y: y - height },
              end: { x: MARGIN + contentWidth, y: y - height },
              thickness: 0.5,
              color: rgb(0.8, 0.8, 0.8),
            });
          }
          let x = MARGIN;
          wrapped.forEach((lines, i) => {
            lines.forEach((line, j) => {
              page.drawText(line, {
                x: x + 4,
                y: y - 12 - j * 11,
                size: 8.5,
                font,
                color: header ? rgb(1, 1, 1) : text,
              });
            });
            x += widths[i] ?? 0;
          });
          y -= height;
        };
        drawRow(
          block.columns.map((c) => c.title),
          bold,
          true,
        );
        for (const row of block.rows) drawRow(row, regular, false);
        y -= 10;
        break;
      }
      case 'fields':
        for (const label of block.labels) {
          ensure(24);
          const l = clean(label);
          page.drawText(l, { x: MARGIN, y: y - 12, size: BODY_SIZE, font: regular, color: text });
          const start = MARGIN + regular.widthOfTextAtSize(l, BODY_SIZE) + 6;
          page.drawLine({
            start: { x: Math.min(start, MARGIN + contentWidth - 60), y: y - 14 },
            end: { x: MARGIN + contentWidth, y: y - 14 },
            thickness: 0.5,
            dashArray: [2, 2],
            color: grey,
          });
          y -= 24;
        }
        y -= 6;
        break;
      case 'spacer':
        y -= block.height;
        break;
    }
  }
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}
