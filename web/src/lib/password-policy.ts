/** The server's password policy (8–128 characters), checked early so the form can say so before submitting. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Use at least 8 characters.';
  if (password.length > 128) return 'Use at most 128 characters.';
  return null;
}
