// How the tests and the benchmark start Chromium: Debian's, headless, with nothing that reaches the network.

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Serves `root` on a local port and starts Chromium. Each `open()` is a fresh profile (its own storage) on the
 * page, offline: any address but the local server's is refused and recorded in `outside`; the page's errors and
 * console errors are recorded in `errors`. `browser` and `base` are there for a test's own contexts; `close()`
 * stops both.
 */
export async function startDemo(root) {
  const { chromium } = await import("playwright-core");
  const { serve } = await import("../scripts/serve.mjs");
  const { server, url: base } = await serve(root);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    server.close();
    throw error;
  }

  async function open(options = {}) {
    const { viewport = { width: 1400, height: 1000 }, acceptDownloads = false, dismissDialogs = false } = options;
    const context = await browser.newContext({ viewport, acceptDownloads });
    const outside = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    if (dismissDialogs) page.on("dialog", (dialog) => dialog.dismiss());
    await page.goto(base);
    return { context, page, errors, outside };
  }

  async function close() {
    await browser.close();
    server.close();
  }

  return { base, browser, open, close };
}
