/** Prints which databases the store suites run on (SQLite always; PostgreSQL when TEST_DATABASE_URL is set). */
export default function setup(): void {
  const pg = process.env.TEST_DATABASE_URL;
  const line = pg
    ? 'store suites: SQLite and PostgreSQL (TEST_DATABASE_URL is set)'
    : 'store suites: SQLite only; PostgreSQL skipped (set TEST_DATABASE_URL=postgres://… to run it)';
  process.stdout.write(`\n[bifrost] ${line}\n\n`);
}
