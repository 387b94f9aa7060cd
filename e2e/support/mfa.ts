import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';

/** The current 6-digit code of an authenticator holding `secret` (base32), as a phone app would show it. */
export function totpCode(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '')), digits: 6, period: 30 }).generate();
}

/** Reads the key shown for manual entry on the enrolment page and confirms it with a fresh code. */
export async function confirmEnrolmentOnPage(page: Page): Promise<string> {
  const shown = await page.getByTestId('mfa-secret').innerText();
  const secret = shown.replace(/\s+/g, '');
  await page.locator('#code').fill(totpCode(secret));
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId('recovery-codes').waitFor();
  return secret;
}
