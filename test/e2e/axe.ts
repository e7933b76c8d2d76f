/// <reference lib="dom" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical axe-core violations of the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeFinding[]> {
  const violations = await accessibilityViolations(page);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Runs axe-core (WCAG 2.1 A/AA rules plus best practices) on the page as it is now and returns
 * every violation, one entry per rule with the elements it found.
 *
 * axe needs timers, which never fire on a page with JavaScript off, so the page's current HTML is
 * served again at the same URL (same stylesheets, same viewport) to a JavaScript-enabled page with
 * the page's own scripts removed, and axe runs there.
 */
export async function accessibilityViolations(page: Page): Promise<AxeFinding[]> {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const url = page.url();
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser');
  const context = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(url);
    await copy.evaluate(`${axeSource};0`);
    const violations = await copy.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run: (c: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? 'unknown',
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    });
    return violations;
  } finally {
    await context.close();
  }
}
