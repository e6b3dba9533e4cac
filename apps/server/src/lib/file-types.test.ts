import { describe, expect, it } from 'vitest';
import {
  CSV,
  DOCX,
  JPEG,
  PDF,
  PNG,
  XLSX,
  cleanFileName,
  contentDisposition,
  detectFileType,
  extensionOf,
  fileNameFor,
} from './file-types';

const PDF_BYTES = Buffer.from('%PDF-1.7\n%…');
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
const zipWith = (...names: string[]) =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.alloc(26),
    Buffer.from(names.join('')),
  ]);
const ALL = [PDF, PNG, JPEG, DOCX, XLSX, CSV] as const;

describe('detectFileType', () => {
  it('decides from the bytes, within the caller’s allow-list', () => {
    expect(detectFileType(PDF_BYTES, 'poly.html', ALL)).toBe(PDF);
    expect(detectFileType(PNG_BYTES, 'x.pdf', ALL)).toBe(PNG);
    expect(detectFileType(JPEG_BYTES, undefined, ALL)).toBe(JPEG);
    expect(detectFileType(zipWith('[Content_Types].xml', 'word/document.xml'), 'a', ALL)).toBe(
      DOCX,
    );
    expect(detectFileType(zipWith('[Content_Types].xml', 'xl/workbook.xml'), 'a.pdf', ALL)).toBe(
      XLSX,
    );
    expect(detectFileType(PDF_BYTES, 'a.pdf', [PNG, JPEG])).toBeNull();
  });

  it('refuses an executable, a plain ZIP, text not named .csv or with control characters', () => {
    expect(detectFileType(Buffer.from('MZ\x90\x00'), 'rib.pdf', ALL)).toBeNull();
    expect(detectFileType(zipWith('word/document.xml'), 'a.docx', ALL)).toBeNull();
    expect(detectFileType(Buffer.from('Nom;Prénom\r\n'), 'liste.txt', ALL)).toBeNull();
    expect(detectFileType(Buffer.from('Nom;Prénom\r\n'), 'liste.csv', ALL)).toBe(CSV);
    expect(detectFileType(Buffer.from('<script>\x00'), 'page.csv', ALL)).toBeNull();
    expect(detectFileType(Buffer.from('Nom\r\n'), 'liste.csv\u0000.html', ALL)).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('keeps the last path part, drops control characters, NUL, bidi overrides, reserved characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\léa\\rib.pdf')).toBe('rib.pdf');
    expect(cleanFileName('a.pdf\u0000.html')).toBe('a.pdf.html');
    expect(cleanFileName('rib\u202Efdp.exe')).toBe('ribfdp.exe');
    expect(cleanFileName('<b>rib</b>.pdf')).toBe('b.pdf');
    expect(cleanFileName('devis "final" ?.pdf')).toBe('devis final .pdf');
    expect(cleanFileName(' ..\u0007 ', 'fichier')).toBe('fichier');
    expect([...cleanFileName('é'.repeat(300))]).toHaveLength(120);
  });
});

describe('fileNameFor', () => {
  it('ends the name with the extension of the detected type', () => {
    expect(fileNameFor('poly.html', PDF)).toBe('poly.pdf');
    expect(fileNameFor('a.pdf\u0000.html', PDF)).toBe('a.pdf');
    expect(fileNameFor('Relevé.PDF', PDF)).toBe('Relevé.PDF');
    expect(fileNameFor('photo.jpeg', JPEG)).toBe('photo.jpeg');
    expect(fileNameFor('photo.png', JPEG)).toBe('photo.jpg');
    expect(fileNameFor('compte-rendu', DOCX)).toBe('compte-rendu.docx');
    expect(fileNameFor('M. Dupont', PDF)).toBe('M. Dupont.pdf');
    expect(fileNameFor('', PNG)).toBe('image.png');
    expect(fileNameFor('.html', PDF)).toBe('html.pdf');
    expect(fileNameFor('..', PDF)).toBe('document.pdf');
    expect(fileNameFor('x'.repeat(200), XLSX)).toBe(`${'x'.repeat(115)}.xlsx`);
    expect(fileNameFor('notes.txt', 'application/octet-stream')).toBe('notes.txt');
  });

  it('gives every stored type its extension', () => {
    expect([PDF, PNG, JPEG, DOCX, XLSX, CSV, 'image/svg+xml'].map(extensionOf)).toEqual([
      'pdf',
      'png',
      'jpg',
      'docx',
      'xlsx',
      'csv',
      'svg',
    ]);
    expect(extensionOf('text/html')).toBeNull();
  });
});

describe('contentDisposition', () => {
  it('an ASCII fallback and the exact UTF-8 name, quotes and parentheses encoded', () => {
    expect(contentDisposition("Relevé d'identité (1).pdf")).toBe(
      `attachment; filename="Releve_d_identite_1_.pdf"; filename*=UTF-8''Relev%C3%A9%20d%27identit%C3%A9%20%281%29.pdf`,
    );
  });
});
