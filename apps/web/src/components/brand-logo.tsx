import { useState } from 'react';
import { Box, Image, Text } from '@mantine/core';
import { IconShieldHeart } from '@tabler/icons-react';
import { useBranding } from '../lib/branding';
import classes from './brand-logo.module.css';

type LogoSize = 'md' | 'lg';

function TextLogo({ brandName, size }: { brandName: string; size: LogoSize }) {
  return (
    <Box className={classes.textLogo} data-size={size}>
      <IconShieldHeart className={classes.mark} aria-hidden stroke={1.8} />
      <Text component="span" className={classes.name}>
        {brandName}
      </Text>
    </Box>
  );
}

function ImageLogo({ src, brandName, size }: { src: string; brandName: string; size: LogoSize }) {
  const [failed, setFailed] = useState(false);
  if (failed) return <TextLogo brandName={brandName} size={size} />;
  return (
    <Image
      src={src}
      alt={brandName}
      h={size === 'lg' ? 56 : 40}
      w="auto"
      maw={240}
      fit="contain"
      onError={() => setFailed(true)}
    />
  );
}

/**
 * The insurer's logo: its image when configured (and loadable), otherwise the brand name set as
 * a text logo. Either way its accessible name is the brand name.
 */
export function BrandLogo({ size = 'md' }: { size?: LogoSize }) {
  const { brandName, logoUrl } = useBranding();
  if (logoUrl) return <ImageLogo key={logoUrl} src={logoUrl} brandName={brandName} size={size} />;
  return <TextLogo brandName={brandName} size={size} />;
}
