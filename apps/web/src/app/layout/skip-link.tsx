import classes from './layout.module.css';

export const MAIN_CONTENT_ID = 'contenu';

/** The first focusable element of every page: jumps over the header to the content. */
export function SkipLink() {
  return (
    <a href={`#${MAIN_CONTENT_ID}`} className={classes.skipLink}>
      Aller au contenu
    </a>
  );
}
