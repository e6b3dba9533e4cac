import { Fragment } from 'react';
import { List, Text, Title } from '@mantine/core';
import { parseMarkdownBlocks } from '../lib/markdown-blocks';

/**
 * Plain Markdown from the insurer (terms of use) shown as text: headings start at `headingOrder`
 * so that they fit under the page's own headings. Never renders HTML from the source.
 */
export function SimpleMarkdown({
  source,
  headingOrder = 3,
}: {
  source: string;
  headingOrder?: 2 | 3 | 4;
}) {
  const blocks = parseMarkdownBlocks(source);
  return (
    <>
      {blocks.map((block, index) => {
        const key = `${block.kind}-${index}`;
        if (block.kind === 'heading') {
          const order = Math.min(headingOrder + block.level - 1, 6) as 2 | 3 | 4 | 5 | 6;
          return (
            <Title key={key} order={order} fz={block.level === 1 ? 'lg' : 'md'} mt="sm" mb={4}>
              {block.text}
            </Title>
          );
        }
        if (block.kind === 'list') {
          return (
            <List key={key} size="sm" mb="xs">
              {block.items.map((item, i) => (
                <List.Item key={i}>{item}</List.Item>
              ))}
            </List>
          );
        }
        return (
          <Fragment key={key}>
            <Text size="sm" mb="xs" fs={block.emphasis ? 'italic' : undefined}>
              {block.text}
            </Text>
          </Fragment>
        );
      })}
    </>
  );
}
