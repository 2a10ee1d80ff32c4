// Paths shared by the e2e server and specs.
import path from "node:path";

export const ARTIFACTS = path.resolve("e2e/.artifacts");
export const FIXTURE_CONTENT = path.join(ARTIFACTS, "content");
export const FIXTURE_DB = path.join(ARTIFACTS, "e2e.db");
export const SCREENSHOTS = path.join(ARTIFACTS, "screenshots");
export const fixtureEnv = { CONTENT_DIR: FIXTURE_CONTENT, DATABASE_URL: `file:${FIXTURE_DB}` };
