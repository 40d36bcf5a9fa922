// The account and team screens of security round 2 (issue 12): open invites with revoke, an invite bound to an
// address, and a token that costs the password. The rules themselves are unit-tested where they live
// (lib/teams/invites.security.test.ts, lib/auth/tokens.security.test.ts); this checks what a person sees.
import { expect, signInPage, test, uniqueId } from "./fixtures";

test.describe("security screens", () => {
  test("an admin sees the open invite, revokes it, and the link then says so", async ({ page, world, browser }) => {
    await signInPage(page, world.adminA);
    await page.goto(`/t/${world.teamA}/settings`);
    const invited = `invited-${uniqueId()}@example.test`;
    await page.getByLabel("邮箱（可选）").fill(invited);
    await page.getByRole("button", { name: "生成邀请链接" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!.trim();
    const row = page.getByTestId("open-invite").filter({ hasText: invited });
    await expect(row).toBeVisible();
    await row.getByRole("button", { name: "撤销" }).click();
    await expect(row).toHaveCount(0);

    const visitor = await browser.newContext({ locale: "en-US" });
    const visit = await visitor.newPage();
    await visit.goto(link);
    await expect(visit.getByTestId("invite-problem")).toHaveText(/no longer valid/);
    await visitor.close();
  });

  test("a new API token asks for the password; a wrong one is refused with a clear message", async ({ page, world }) => {
    await signInPage(page, world.memberA);
    await page.goto("/account");
    await page.getByLabel("令牌名称").fill(`ci ${uniqueId()}`);
    await page.getByLabel("你的密码（用于确认是你本人）").fill("not-my-password");
    await page.getByRole("button", { name: "创建令牌" }).click();
    await expect(page.getByText(/当前密码不正确|密码不正确/)).toBeVisible();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await page.getByLabel("你的密码（用于确认是你本人）").fill(world.memberA.password);
    await page.getByRole("button", { name: "创建令牌" }).click();
    await expect(page.getByTestId("new-token")).toContainText("om_");
  });
});
