/** A platform handle as "@name" (YouTube's usernames already carry the "@"). */
export function handle(username: string): string {
  return `@${username.replace(/^@+/, '')}`;
}
