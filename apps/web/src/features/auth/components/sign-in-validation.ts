// The sign-in form's validation, loaded after the page's first paint (sign-in-form.tsx): the
// shared schema and zod (about 25 KB compressed) are not on the sign-in page's first load.
import { SignInSchema } from '@affilia/shared/schemas/auth';
import { zodResolver } from '../../../lib/zod-resolver';

export { SignInSchema };
export const validateSignIn = zodResolver(SignInSchema);
