import { Alert } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { SignInNotice } from '../space';
import { SIGN_IN_NOTICE_TEXT } from '../space';

/** Why the user is back on the sign-in page (session expired, attempt expired, signed out). */
export function SignInNoticeAlert({ notice }: { notice: SignInNotice | undefined }) {
  if (!notice) return null;
  return (
    <Alert
      role="status"
      color={notice === 'signed_out' ? 'teal' : 'brand'}
      variant="light"
      icon={<IconInfoCircle aria-hidden />}
    >
      {SIGN_IN_NOTICE_TEXT[notice]}
    </Alert>
  );
}
