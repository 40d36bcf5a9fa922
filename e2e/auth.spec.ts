import { expect, signIn, signInPage, test, uniqueId } from "./fixtures";
import { closeDatabase, createUser, makeUser, sql } from "./security-support";

test.afterAll(async () => closeDatabase());

test.describe("accounts and teams", () => {
  test("sign up with a new team, invite a member, the member logs an entry, the manager sees it", async ({ browser }) => {
    const id = uniqueId();
    const admin = { name: `Lin ${id}`, email: `lin-${id}@example.test`, password: `Strong-pass-${id}` };
    const adminContext = await browser.newContext({ locale: "zh-CN" });
    const page = await adminContext.newPage();

    await page.goto("/signup");
    await page.getByLabel("你的名字").fill(admin.name);
    await page.getByLabel("邮箱").fill(admin.email);
    await page.getByLabel("密码").fill(admin.password);
    await page.getByLabel("团队名称").fill(`Growth ${id}`);
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect(page).toHaveURL(/\/t\/[a-z0-9-]+\/today$/);
    // The founder of an empty team is not greeted as a newcomer.
    await expect(page.getByTestId("tour-banner")).toHaveCount(0);
    const teamPath = new URL(page.url()).pathname.replace(/\/today$/, "");

    await page.goto(`${teamPath}/settings`);
    await page.getByLabel("角色").first().selectOption("member");
    await page.getByRole("button", { name: "生成邀请链接" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!.trim();
    expect(link).toContain("/invite/");

    const memberContext = await browser.newContext({ locale: "en-US" });
    const member = await memberContext.newPage();
    await member.goto(link);
    await member.getByRole("link", { name: "Create account" }).click();
    await member.getByLabel("Your name").fill(`Mei ${id}`);
    await member.getByLabel("Email").fill(`mei-${id}@example.test`);
    await member.getByLabel("Password").fill(`Another-pass-${id}`);
    await member.getByRole("button", { name: "Create account" }).click();
    await expect(member).toHaveURL(new RegExp(`${teamPath}/today$`));

    const box = member.getByPlaceholder(/What did you do/);
    await box.fill(`Replied to 32 forum posts ${id}`);
    await box.press("Enter");
    await expect(member.getByTestId("entry-text").filter({ hasText: `Replied to 32 forum posts ${id}` })).toBeVisible();

    // The link worked once: a second use is refused with a clear message.
    const third = await browser.newContext({ locale: "en-US" });
    const reuse = await third.newPage();
    await reuse.goto(link);
    await expect(reuse.getByTestId("invite-problem")).toHaveText(/already been used/);

    await page.goto(`${teamPath}/entries`);
    await expect(page.getByTestId("entry-text").filter({ hasText: `Replied to 32 forum posts ${id}` })).toBeVisible();
    await Promise.all([adminContext.close(), memberContext.close(), third.close()]);
  });

  test("a wrong password is refused with the same message as an unknown email", async ({ page, world }) => {
    await page.goto("/signin");
    await page.getByLabel("邮箱").fill(world.memberA.email);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    const wrong = await page.getByTestId("form-error").textContent();
    expect(wrong).toContain("邮箱或密码不正确");

    await page.getByLabel("邮箱").fill(`nobody-${uniqueId()}@example.test`);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page.getByTestId("form-error")).toHaveText(wrong!);

    await page.getByLabel("密码").fill(world.memberA.password);
    await page.getByLabel("邮箱").fill(world.memberA.email);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/t/${world.teamA}/today$`));
  });

  test("the language follows the browser, can be switched, and is remembered", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/signin");
    await expect(page.getByRole("heading", { name: "Sign in to OpsMix" })).toBeVisible();
    await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await expect(page.getByRole("heading", { name: "登录运营配比" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "登录运营配比" })).toBeVisible();
    await context.close();
  });

  test("another team's workspace is not found", async ({ page, world }) => {
    const { signInPage } = await import("./fixtures");
    await signInPage(page, world.memberB);
    const response = await page.goto(`/t/${world.teamA}/today`);
    expect(response?.status()).toBe(404);
  });

  test("an invitee's form names the team and fills in the invited address, fixed when the invite is bound to it", async ({ page, browser, world }) => {
    const [team] = await sql<{ name: string }>(`SELECT name FROM "Team" WHERE slug = $1`, [world.teamA]);
    await signInPage(page, world.adminA);
    const invite = async (email: string) => {
      await page.goto(`/t/${world.teamA}/settings`);
      await page.getByLabel("邮箱（可选）").fill(email);
      await page.getByRole("button", { name: "生成邀请链接" }).click();
      return (await page.getByTestId("invite-link").textContent())!.trim();
    };

    const email = `bound-${uniqueId()}@example.test`;
    const en = await (await browser.newContext({ locale: "en-US" })).newPage();
    await en.goto(await invite(email));
    await expect(en.getByRole("heading", { name: `You are invited to join ${team!.name}` })).toBeVisible();
    await expect(en.getByText(`This invite is for ${email}.`)).toBeVisible();
    await en.getByRole("link", { name: "Create account" }).click();
    await expect(en.getByRole("heading", { name: `You are invited to join ${team!.name}` })).toBeVisible();
    await expect(en.getByTestId("invite-joining")).toHaveText(`You are joining ${team!.name} as Member.`);
    const address = en.getByLabel("Email");
    await expect(address).toHaveValue(email);
    await expect(address).not.toBeEditable();
    await en.getByLabel("Your name").fill("Bound invitee");
    await en.getByLabel("Password").fill(`Bound-pass-${uniqueId()}`);
    await en.getByRole("button", { name: "Create account" }).click();
    await expect(en).toHaveURL(new RegExp(`/t/${world.teamA}/today$`));

    // An open invite (no address): the team is named, the address is the invitee's to type.
    const zh = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    await zh.goto(await invite(""));
    await zh.getByRole("link", { name: "创建账号" }).click();
    await expect(zh.getByRole("heading", { name: `你被邀请加入「${team!.name}」` })).toBeVisible();
    await expect(zh.getByTestId("invite-joining")).toHaveText(`你将以成员身份加入「${team!.name}」。`);
    await expect(zh.getByLabel("邮箱")).toHaveValue("");
    await expect(zh.getByLabel("邮箱")).toBeEditable();
  });

  test("an admin's reset link lets a member choose a new password once, and ends their sessions and tokens", async ({ page, browser, world }) => {
    const member = makeUser("forgot");
    createUser(member, world.teamA, "member");
    const old = await browser.newContext({ locale: "en-US" });
    await signIn(old.request, member);
    expect((await old.request.get("/account", { maxRedirects: 0 })).status()).toBe(200);

    // The admin (zh-CN) makes the link from team settings.
    await signInPage(page, world.adminA);
    await page.goto(`/t/${world.teamA}/settings`);
    await page.getByRole("button", { name: `重置密码：${member.name}`, exact: true }).click();
    const link = page.getByTestId("reset-link");
    await expect(page.getByText(`${member.name} 的一次性重置链接，24 小时内有效`)).toBeVisible();
    const url = (await link.textContent())!.trim();
    expect(url).toContain("/reset/");
    const [stored] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "PasswordResetLink" WHERE "tokenHash" = encode(sha256($1::bytea), 'hex')`, [url.split("/reset/")[1]!]);
    expect(stored!.n).toBe(1);
    // Nobody can reset their own password this way: no button on the admin's own row.
    await expect(page.getByRole("button", { name: /^重置密码：/ })).not.toHaveCount(0);
    const [admin] = await sql<{ name: string }>(`SELECT name FROM "User" WHERE email = $1`, [world.adminA.email]);
    await expect(page.getByRole("button", { name: `重置密码：${admin!.name}`, exact: true })).toHaveCount(0);

    // The member (English) sets a new password there.
    const fresh = await (await browser.newContext({ locale: "en-US" })).newPage();
    await fresh.goto(url);
    await expect(fresh.getByText(`This link sets the password of ${member.email}.`)).toBeVisible();
    // A refused password leaves the link usable.
    await fresh.getByLabel("New password", { exact: true }).fill(`Typo-pass-${uniqueId()}`);
    await fresh.getByLabel("Repeat new password").fill(`Other-pass-${uniqueId()}`);
    await fresh.getByRole("button", { name: "Set new password" }).click();
    await expect(fresh.getByTestId("form-error")).toBeVisible();
    const next = `New-pass-${uniqueId()}`;
    await fresh.getByLabel("New password", { exact: true }).fill(next);
    await fresh.getByLabel("Repeat new password").fill(next);
    await fresh.getByRole("button", { name: "Set new password" }).click();
    await expect(fresh.getByTestId("reset-done")).toBeVisible();

    // The old session is over; the new password signs in; the link does not work twice.
    expect((await old.request.get("/account", { maxRedirects: 0 })).status()).not.toBe(200);
    const again = await browser.newContext({ locale: "en-US" });
    await signIn(again.request, { email: member.email, password: next });
    expect((await again.request.get("/account", { maxRedirects: 0 })).status()).toBe(200);
    await fresh.goto(url);
    await expect(fresh.getByTestId("reset-problem")).toHaveText(/already been used/);
    const audit = await sql(`SELECT 1 FROM "AuditEvent" a JOIN "User" u ON u.id = a."actorId" WHERE a.action = 'auth.password.reset' AND u.email = $1`, [member.email]);
    expect(audit).toHaveLength(1);
    await Promise.all([old.close(), again.close()]);
  });
});
