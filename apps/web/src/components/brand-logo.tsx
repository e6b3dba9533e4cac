import { useState } from 'react';
import { Box, Image, Text } from '@mantine/core';
import { IconShieldHeart } from '@tabler/icons-react';
import { useBranding } from '../lib/branding';
import classes from './brand-logo.module.css';

type LogoSize = 'md' | 'lg';

/** The widest an image logo is drawn, in CSS pixels. */
const LOGO_MAX_WIDTH = 240;
/** The widest it is drawn below Mantine's `xs` breakpoint (36em). */
const LOGO_PHONE_WIDTH = 150;

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
  // A box of known size (and the same size as attributes) whatever the image's proportions:
  // nothing moves when it arrives. The image fits inside, against the start of the line.
  const height = size === 'lg' ? 56 : 40;
  return (
    <Image
      src={src}
      alt={brandName}
      width={LOGO_MAX_WIDTH}
      height={height}
      // Narrower on a phone, where the header also holds the envelope, bell, profile and menu.
      w={{ base: LOGO_PHONE_WIDTH, xs: LOGO_MAX_WIDTH }}
      h={height}
      maw="100%"
      fit="contain"
      style={{ objectPosition: 'left center' }}
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
