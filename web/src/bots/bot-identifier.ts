/** The bot identifier rule of the integrations API (issue 5): 1–32 characters from a-z, 0-9, "_" and "-". */
export const BOT_IDENTIFIER = /^[a-z0-9_-]{1,32}$/;

export function botIdentifierProblem(value: string): string | null {
  if (value.length === 0) return 'Enter a bot identifier.';
  if (value.length > 32) return 'Use at most 32 characters.';
  if (!BOT_IDENTIFIER.test(value)) return 'Use only lowercase letters a–z, digits 0–9, "_" and "-".';
  return null;
}
