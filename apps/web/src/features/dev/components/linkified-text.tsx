import { Fragment } from 'react';
import { Anchor } from '@mantine/core';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/g;
// Punctuation that ends a sentence rather than a link: « … sur https://x.fr/a. »
const TRAILING = /[.,;:!?)\]»]+$/;

export type TextPart = { kind: 'text'; value: string } | { kind: 'link'; value: string };

/** Splits a plain-text message into text and http(s) links. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const trailing = TRAILING.exec(match[0])?.[0] ?? '';
    const url = match[0].slice(0, match[0].length - trailing.length);
    if (start > last) parts.push({ kind: 'text', value: text.slice(last, start) });
    parts.push({ kind: 'link', value: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', value: text.slice(last) });
  return parts;
}

/** A plain-text message with its links made clickable, line breaks kept. */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.kind === 'link' ? (
          <Anchor key={index} href={part.value} style={{ wordBreak: 'break-all' }}>
            {part.value}
          </Anchor>
        ) : (
          <Fragment key={index}>{part.value}</Fragment>
        ),
      )}
    </>
  );
}
