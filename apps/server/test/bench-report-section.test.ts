import { describe, expect, it } from 'vitest';
import { replaceSection } from '../bench/report-section';

const HEADING = '## Web (npm run bench:web)';

describe('replaceSection (docs/performance.md shared by the benchmarks)', () => {
  it('appends the section when the file has none', () => {
    const previous = '# Performance\n\nmembers figures\n\n## Import\n\nimport figures\n';
    expect(replaceSection(previous, HEADING, `${HEADING}\n\nweb 1\n`)).toBe(
      `${previous}\n${HEADING}\n\nweb 1\n`,
    );
  });

  it('replaces only its own section, keeping the sections before and after it', () => {
    const previous = `# Performance\n\nmembers\n\n## Import\n\nimport\n\n${HEADING}\n\nweb 1\n\n## Later\n\nlater\n`;
    expect(replaceSection(previous, HEADING, `${HEADING}\n\nweb 2\n`)).toBe(
      `# Performance\n\nmembers\n\n## Import\n\nimport\n\n${HEADING}\n\nweb 2\n\n## Later\n\nlater\n`,
    );
  });

  it('replaces a last section to the end of the file, run after run', () => {
    const once = replaceSection('# Performance\n', HEADING, `${HEADING}\n\nweb 1\n`);
    const twice = replaceSection(once, HEADING, `${HEADING}\n\nweb 2\n`);
    expect(twice).toBe(`# Performance\n\n${HEADING}\n\nweb 2\n`);
  });

  it('does not take a longer heading for its own', () => {
    const previous = `# Performance\n\n${HEADING} old notes\n\nkept\n`;
    expect(replaceSection(previous, HEADING, `${HEADING}\n\nweb\n`)).toBe(
      `${previous}\n${HEADING}\n\nweb\n`,
    );
  });
});
