import { Box, Image, Text } from '@mantine/core';
import { IconShieldHeart } from '@tabler/icons-react';
import { useBranding } from '../lib/branding';
import classes from './brand-logo.module.css';

/**
 * The insurer's logo: its image when configured, otherwise the brand name set as a text logo.
 * The accessible name is always the brand name.
 */
export function BrandLogo({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const { brandName, logoUrl } = useBranding();
  if (logoUrl) {
    return (
      <Image src={logoUrl} alt={brandName} h={size === 'lg' ? 56 : 40} w="auto" fit="contain" />
    );
  }
  return (
    <Box className={classes.textLogo} data-size={size}>
      <IconShieldHeart className={classes.mark} aria-hidden stroke={1.8} />
      <Text component="span" className={classes.name}>
        {brandName}
      </Text>
    </Box>
  );
}
