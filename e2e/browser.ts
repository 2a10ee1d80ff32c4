// The browser every Playwright config launches: Debian's Chromium where present
// (offline machines cannot download Playwright's), with the network chatter off.
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export const launchOptions = {
  executablePath: chromium,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
};
