import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notebookSettled, openPage, useSite } from './harness.ts';


/** The last cell's "Redigera" button: a new cell is added at the end. */
async function editLast(page: Page): Promise<void> {
  await page.locator('section.cell').last().getByRole('button', { name: 'Redigera', exact: false }).first().click();
}

const cellNames = (page: Page) => page.locator('section.cell[data-cell]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cell));

describe('notebook editor: a notebook built with the buttons only', () => {
  const site = useSite();

  it('adds an input, a metric named "förändring", a chart and a text; it works after a reload, and a copy gets its own name', { timeout: 900_000 }, async () => {
    const { page, log } = await openPage(site.browser);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.url}#/anteckningar`);
    await page.getByRole('button', { name: 'Ny anteckningsbok' }).click({ timeout: 240_000 });
    await page.locator('article.notebook').waitFor({ timeout: 240_000 });
    await notebookSettled(page);
    await page.getByRole('button', { name: 'Redigera', exact: true }).click();

    // An input, renamed "ökning" (a name with ö goes into the link).
    await page.getByRole('button', { name: '+ Inmatning' }).click();
    await editLast(page);
    await page.getByRole('textbox', { name: 'Cellens namn' }).fill('ökning');
    await page.getByRole('button', { name: 'Spara och kör' }).click();

    // A metric, renamed "förändring"; the chart added next draws it.
    await page.getByRole('button', { name: '+ Mått' }).click();
    await editLast(page);
    await page.getByRole('textbox', { name: 'Cellens namn' }).fill('förändring');
    await page.getByRole('button', { name: 'Spara och kör' }).click();
    await page.getByRole('button', { name: '+ Diagram' }).click();
    await notebookSettled(page);
    expect(await page.locator('[data-cell="diagram"] svg').count()).toBeGreaterThan(0);

    // A text, written with the formatting button and seen in the preview before saving.
    await page.getByRole('button', { name: '+ Text' }).click();
    await editLast(page);
    const area = page.getByTestId('text-editor').locator('textarea');
    await area.fill('Aktiva hushåll per månad. ');
    await area.press('End');
    await page.getByRole('button', { name: 'Fet' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Förhandsvisning' }).locator('strong').innerText()).toBe('fet text');
    // Typing a fence gives three backticks, not five (no auto-closing in the text or Markdown views).
    await area.press('End');
    await area.pressSequentially('\n```');
    expect((await area.inputValue()).match(/`+/g)).toEqual(['```']);
    await area.press('Backspace');
    await area.press('Backspace');
    await area.press('Backspace');
    await page.getByRole('button', { name: 'Spara och kör' }).click();
    await notebookSettled(page);
    // The starting text of a new notebook, then the four added: ökning, förändring, diagram, text.
    expect(await cellNames(page)).toEqual(['ökning', 'förändring', 'diagram']);
    expect(await page.locator('section.cell-text').last().locator('strong').innerText()).toBe('fet text');

    // Move the chart above the metric and back, with the keyboard; delete the starting text.
    await page.getByRole('button', { name: 'Flytta cell 4 upp' }).focus();
    await page.keyboard.press('Enter');
    expect(await cellNames(page)).toEqual(['ökning', 'diagram', 'förändring']);
    await page.getByRole('button', { name: 'Flytta cell 3 ned' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Ta bort cell 1' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('section.cell').count()).toBe(4);

    // Rename the notebook.
    await page.getByRole('textbox', { name: 'Anteckningsbokens namn' }).fill('Min analys');
    await page.getByRole('button', { name: 'Byt namn' }).click();
    await expect.poll(() => page.locator('.nb-head h2').innerText()).toBe('Min analys');

    // The input's value goes into the link under its own name.
    await page.getByRole('button', { name: 'Klar' }).click();
    await page.locator('#in-ökning').fill('0.3');
    await notebookSettled(page);
    // The URL is written once the change is painted (session.svelte.ts), which can come after the cells settle.
    await expect.poll(() => decodeURIComponent(page.url())).toContain('ökning=0.3');
    await page.screenshot({ path: join(tmpdir(), 'editor-built.png'), fullPage: true });

    await page.reload();
    await page.locator('article.notebook').waitFor({ timeout: 240_000 });
    await notebookSettled(page);
    expect(await page.locator('.nb-head h2').innerText()).toBe('Min analys');
    expect(await cellNames(page)).toEqual(['ökning', 'förändring', 'diagram']);
    expect(await page.locator('.cell-error').count()).toBe(0);
    expect(await page.locator('[data-cell="förändring"]').getAttribute('data-status')).toBe('ok');
    expect(await page.locator('[data-cell="diagram"] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('#in-ökning').inputValue()).toBe('0.3');

    // The same file uploaded again is a copy with its own name, never a second "Min analys".
    const file = join(tmpdir(), 'min-analys.md');
    writeFileSync(file, '---\ntitle: Min analys\n---\n\nEn kopia.\n');
    await page.goto(`${site.url}#/anteckningar`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('notebook-review').getByRole('button', { name: 'Spara och kör' }).click();
    await page.locator('article.notebook').waitFor({ timeout: 240_000 });
    expect(await page.locator('.nb-head h2').innerText()).toBe('Min analys (kopia)');
    await page.goto(`${site.url}#/anteckningar`);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('notebook-review').getByRole('button', { name: 'Spara och kör' }).click();
    await page.locator('article.notebook').waitFor({ timeout: 240_000 });
    await page.goto(`${site.url}#/anteckningar`);
    // The list is drawn once the saved notebooks have been read back (IndexedDB): poll until it is there.
    const ours = async () => (await page.locator('.nb-list li > a').allInnerTexts()).filter((t) => t.startsWith('Min analys')).sort();
    await expect.poll(ours, { timeout: 60_000 }).toEqual(['Min analys', 'Min analys (kopia 2)', 'Min analys (kopia)']);
    expect(log.pageErrors).toEqual([]);
  });

  it('a chart added to a notebook with no query brings its own metric and draws at once', { timeout: 600_000 }, async () => {
    const { page, log } = await openPage(site.browser);
    await page.goto(`${site.url}#/anteckningar`);
    await page.getByRole('button', { name: 'Ny anteckningsbok' }).click({ timeout: 240_000 });
    await page.locator('article.notebook').waitFor({ timeout: 240_000 });
    await page.getByRole('button', { name: 'Redigera', exact: true }).click();
    await page.getByRole('button', { name: '+ Diagram' }).click();
    await notebookSettled(page);
    expect(await page.locator('.cell-error').count()).toBe(0);
    expect(await page.locator('[data-cell="diagram"] svg').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Redigera cell 3' }).click();
    await page.screenshot({ path: join(tmpdir(), 'editor-chart.png'), fullPage: true });
    expect(log.pageErrors).toEqual([]);
  });
});
