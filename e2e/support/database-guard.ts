// Tests refuse any database that is not a temporary local one: a mistyped
// DATABASE_URL must never let the suite write into a real session's data.
import os from "node:os";
import path from "node:path";

export function assertTestDatabase(url: string | undefined): string {
  if (!url || !url.startsWith("file:")) {
    throw new Error(`e2e refuses DATABASE_URL=${url ?? "(unset)"}: tests only run on a temporary SQLite file.`);
  }
  const file = path.resolve(url.replace(/^file:/, ""));
  const tmp = path.resolve(os.tmpdir());
  if (!file.startsWith(tmp + path.sep) || !path.basename(file).includes("e2e")) {
    throw new Error(`e2e refuses ${file}: the test database must be an *e2e* file under ${tmp}.`);
  }
  return file;
}
