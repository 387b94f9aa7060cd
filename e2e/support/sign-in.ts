import type { Page } from 'playwright-core';

/** The login form, filled the way a user does it. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
}

/** The forced password change page, filled the way a user does it. */
export async function submitPasswordChange(page: Page, current: string, next: string, confirm = next): Promise<void> {
  await page.locator('#currentPassword').fill(current);
  await page.locator('#newPassword').fill(next);
  await page.locator('#confirmPassword').fill(confirm);
  await page.locator('form button[type="submit"]').click();
}

/**
 * Signs in through the API with the page's cookie jar (fast path for journeys that are not about signing in):
 * login, and the forced password change when the account still has its temporary password.
 */
export async function signInViaApi(page: Page, username: string, password: string, newPassword: string): Promise<void> {
  const login = await page.request.post('/api/auth/login', { data: { username, password } });
  if (!login.ok()) throw new Error(`login failed: ${login.status()} ${await login.text()}`);
  const session = (await login.json()) as { stage: string; csrfToken: string };
  if (session.stage === 'password-change') {
    const changed = await page.request.post('/api/auth/password', {
      data: { currentPassword: password, newPassword },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    if (!changed.ok()) throw new Error(`password change failed: ${changed.status()} ${await changed.text()}`);
  } else if (session.stage !== 'active') {
    throw new Error(`unexpected stage ${session.stage}`);
  }
}
