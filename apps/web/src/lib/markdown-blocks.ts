/**
 * A deliberately small reader for the plain Markdown the insurer writes its terms of use in:
 * `#` headings, paragraphs, `- ` lists and `*emphasis*` lines. It builds blocks of text, never
 * HTML, so nothing in the document can inject markup.
 */
export type MarkdownBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; emphasis: boolean }
  | { kind: 'list'; items: string[] };

/** Removes inline `**strong**`, `*emphasis*`, `_emphasis_` and `` `code` `` markers. */
export function stripInlineMarkers(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*(?!\s)(.+?)\*(?!\w)/g, '$1$2')
    .replace(/(^|\W)_(?!\s)(.+?)_(?!\w)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

export function parseMarkdownBlocks(source: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;

  const flush = () => {
    if (paragraph.length > 0) {
      const raw = paragraph.join(' ');
      const emphasis = /^\*[^*].*\*$|^_[^_].*_$/.test(raw);
      blocks.push({ kind: 'paragraph', text: stripInlineMarkers(raw), emphasis });
      paragraph = [];
    }
    if (list) {
      blocks.push({ kind: 'list', items: list });
      list = null;
    }
  };

  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      flush();
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(heading[1]!.length, 3) as 1 | 2 | 3;
      blocks.push({ kind: 'heading', level, text: stripInlineMarkers(heading[2]!.trim()) });
      continue;
    }
    const item = /^[-*+]\s+(.*)$/.exec(line);
    if (item) {
      if (paragraph.length > 0) flush();
      list ??= [];
      list.push(stripInlineMarkers(item[1]!));
      continue;
    }
    if (list) flush();
    paragraph.push(line);
  }
  flush();
  return blocks;
}
