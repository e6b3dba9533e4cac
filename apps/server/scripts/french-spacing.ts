// French typography of the texts people read: the spaces inside guillemets are non-breaking
// (« Mes salariés », with U+00A0), so that a narrow screen never leaves a « alone at the end of
// a line or a » at the start of the next. Checks the strings, templates and JSX texts of the
// server, shared and web sources and of their tests (comments aside); exits 1 on a breaking
// space next to a guillemet. A regular expression matches either space there (`«\s`): some
// matchers compare the text with its spaces normalised (Playwright's getByText), others as it is
// (accessible names). `npm run check:spacing`; `-- --fix` rewrites them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const sourceFolders = [
  'apps/server/src',
  'apps/server/test',
  'apps/server/bench',
  'packages/shared/src',
  'apps/web/src',
  'apps/web/e2e',
];
const NBSP = '\u00a0';
/** A guillemet and the breaking spaces on its inner side. */
const BREAKING = /«[ \t\r\n]+|[ \t\r\n]+»/g;
/** The same in a regular expression: a guillemet next to a literal space. */
const BREAKING_IN_REGEXP = /« +| +»/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.d\.ts$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The nodes whose text is shown or compared as it is written. */
function isText(node: ts.Node): boolean {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateHead(node) ||
    ts.isTemplateMiddle(node) ||
    ts.isTemplateTail(node) ||
    ts.isJsxText(node)
  );
}

interface Found {
  line: number;
  text: string;
}

/** The texts of `path` with a breaking space next to a guillemet, and the fixed file. */
function check(path: string): { found: Found[]; fixed: string } {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(
    path,
    text,
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Found[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    const regexp = node.kind === ts.SyntaxKind.RegularExpressionLiteral;
    if (regexp || isText(node)) {
      // A JSX text has no trivia: its leading spaces are its own (getStart would skip them).
      const start = ts.isJsxText(node) ? node.pos : node.getStart(source);
      const written = text.slice(start, node.getEnd());
      const pattern = regexp ? BREAKING_IN_REGEXP : BREAKING;
      const space = regexp ? '\\s' : NBSP;
      if (written.search(pattern) >= 0) {
        const line = source.getLineAndCharacterOfPosition(start).line + 1;
        found.push({ line, text: written.trim().slice(0, 70) });
        edits.push({
          start,
          end: node.getEnd(),
          text: written.replace(pattern, (m) => (m.startsWith('«') ? `«${space}` : `${space}»`)),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let fixed = text;
  for (const edit of edits.reverse()) {
    fixed = fixed.slice(0, edit.start) + edit.text + fixed.slice(edit.end);
  }
  return { found, fixed };
}

const fix = process.argv.includes('--fix');
const skipped = process.argv.flatMap((arg, i) =>
  process.argv[i - 1] === '--skip' ? [resolve(root, arg)] : [],
);
let count = 0;
for (const path of sourceFolders.flatMap((folder) => sourceFiles(join(root, folder)))) {
  if (skipped.includes(path)) continue;
  const { found, fixed } = check(path);
  if (found.length === 0) continue;
  count += found.length;
  if (fix) writeFileSync(path, fixed);
  else for (const f of found) console.log(`${relative(root, path)}:${f.line}  ${f.text}`);
}
if (count > 0 && !fix) {
  console.error(
    `\n${count} text(s) with a breaking space inside « »: the spaces next to guillemets are non-breaking (U+00A0). Run \`npm run check:spacing -- --fix\`.`,
  );
  process.exit(1);
}
if (fix) console.log(`${count} text(s) fixed.`);
