import type { ComponentType } from 'react';
import { Text, ThemeIcon } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { paths } from '../../../config/paths';
import classes from './home-tile.module.css';

export interface HomeTileProps {
  to:
    | typeof paths.members
    | typeof paths.preAffiliation
    | typeof paths.affiliations
    | typeof paths.documents
    | typeof paths.messages;
  label: string;
  description: string;
  icon: ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;
}

/** A shortcut of the home page to one section. */
export function HomeTile({ to, label, description, icon: Icon }: HomeTileProps) {
  return (
    <Link to={to} className={classes.tile}>
      <ThemeIcon size={48} radius="md" variant="light" aria-hidden className={classes.icon}>
        <Icon size={28} stroke={1.6} aria-hidden />
      </ThemeIcon>
      <Text component="span" fw={700} className={classes.label}>
        {label}
      </Text>
      <Text component="span" size="sm" c="dimmed" className={classes.description}>
        {description}
      </Text>
    </Link>
  );
}
