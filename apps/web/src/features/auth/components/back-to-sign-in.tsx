import { Divider, Stack } from '@mantine/core';
import { AnchorLink } from '../../../components/links';
import { paths } from '../../../config/paths';

/** « Revenir à la connexion », below a line at the foot of an account page's card. */
export function BackToSignIn({
  to = paths.signIn,
  redirect,
}: {
  to?: string;
  /** Where the sign-in goes on afterwards. */
  redirect?: string | undefined;
}) {
  return (
    <>
      <Divider />
      <Stack align="center">
        <AnchorLink to={to} search={redirect ? { redirect } : {}} size="sm">
          Revenir à la connexion
        </AnchorLink>
      </Stack>
    </>
  );
}
