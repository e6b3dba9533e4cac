/**
 * Download names in French (issue 14 #22): a title made into a file name, lower case, accents
 * stripped, the short joining words left out, words joined by « - »:
 * « Résumé des garanties - Cadres » → « resume-garanties-cadres ».
 */
const JOINING_WORDS = new Set([
  'd',
  'de',
  'des',
  'du',
  'l',
  'la',
  'le',
  'les',
  'et',
  'a',
  'au',
  'aux',
]);

export function fileSlug(title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !JOINING_WORDS.has(w));
  return words.join('-').slice(0, 80).replace(/-+$/, '') || 'document';
}

/** « resume-garanties-cadres.pdf ». */
export function frenchFileName(title: string, extension: string): string {
  return `${fileSlug(title)}.${extension}`;
}
