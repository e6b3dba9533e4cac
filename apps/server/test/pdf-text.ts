/**
 * The text a PDF reader extracts from a PDF (copy, search, screen readers), for tests: every
 * string shown by `Tj` in the pages' content streams, decoded through its font's ToUnicode map
 * (an embedded font) or as WinAnsi (a standard font). One entry per `Tj`, in drawing order.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

interface FontDecoder {
  bytesPerCode: 1 | 2;
  map: Map<number, string> | null;
}

function streamText(stream: PDFObject | undefined): string {
  if (!(stream instanceof PDFRawStream)) return '';
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

function utf16(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
  return out;
}

/** The `bfchar` and `bfrange` entries of a ToUnicode CMap. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(Number.parseInt(m[1]!, 16), utf16(m[2]!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g,
    )) {
      const lo = Number.parseInt(m[1]!, 16);
      const hi = Number.parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1]!));
        items.forEach((s, i) => map.set(lo + i, s));
      } else {
        const base = utf16(dst.slice(1, -1));
        const last = base.charCodeAt(base.length - 1);
        for (let c = lo; c <= hi; c++) {
          map.set(c, base.slice(0, -1) + String.fromCharCode(last + (c - lo)));
        }
      }
    }
  }
  return map;
}

const WIN_ANSI_80: Record<number, string> = Object.fromEntries(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((c, i) => [0x80 + i, c]),
);

function decode(hex: string, font: FontDecoder | undefined): string {
  const bytes = Buffer.from(hex, 'hex');
  let out = '';
  if (!font || font.bytesPerCode === 1) {
    for (const b of bytes) {
      out += font?.map?.get(b) ?? WIN_ANSI_80[b] ?? String.fromCharCode(b);
    }
    return out;
  }
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out += font.map?.get(bytes.readUInt16BE(i)) ?? '\ufffd';
  }
  return out;
}

/** The strings drawn on every page, as a reader extracts them. */
export async function extractPdfText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  const out: string[] = [];
  for (const page of pdf.getPages()) {
    const fonts = new Map<string, FontDecoder>();
    const fontDict = page.node.Resources()?.lookup(PDFName.of('Font'));
    if (fontDict instanceof PDFDict) {
      for (const [name, ref] of fontDict.entries()) {
        const font = pdf.context.lookup(ref);
        if (!(font instanceof PDFDict)) continue;
        const subtype = font.lookup(PDFName.of('Subtype'));
        const toUnicode = font.lookup(PDFName.of('ToUnicode'));
        fonts.set(name.asString(), {
          bytesPerCode: subtype === PDFName.of('Type0') ? 2 : 1,
          map: toUnicode ? parseToUnicode(streamText(toUnicode)) : null,
        });
      }
    }
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((r) => pdf.context.lookup(r))
        : [contents as PDFObject | undefined];
    const content = streams.map((s) => streamText(s)).join('\n');
    let current: FontDecoder | undefined;
    for (const m of content.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[1]) current = fonts.get(m[1]);
      else out.push(decode(m[2]!, current));
    }
  }
  return out;
}
