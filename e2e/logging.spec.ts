import { readFileSync } from "node:fs";
import { expect, signInPage, test, uniqueId } from "./fixtures";

test.describe("daily logging", () => {
  test("log entries by typing and by pasting; each is tagged with a reason", async ({ page, world }) => {
    await signInPage(page, world.memberA);
    await page.goto(`/t/${world.teamA}/today`);
    const box = page.getByPlaceholder(/今天做了什么/);
    await expect(box).toBeFocused();
    const id = uniqueId();
    await box.fill(`回复社区帖子32条 #${id}`);
    await box.press("Enter");
    const typed = page.getByTestId("entry").filter({ hasText: `回复社区帖子32条 #${id}` });
    await expect(typed).toHaveAttribute("data-status", "saved");
    await expect(typed.getByTestId("role-chip")).toHaveValue("community");

    await box.evaluate((element, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, `写公众号推文《运营新人避坑》 1.5小时 #${id}\n昨天 给流失会员逐个打电话回访 #${id}`);
    const preview = page.getByTestId("paste-preview");
    await expect(preview).toContainText("2");
    await expect(preview).toContainText("90");
    await preview.getByRole("button", { name: "全部保存" }).click();
    const pasted = page.getByTestId("entry").filter({ hasText: `#${id}` });
    await expect(pasted).toHaveCount(3);
    await expect(pasted.filter({ hasText: "写公众号推文" })).toContainText("90 分钟");
    await expect(pasted.filter({ hasText: "流失会员" })).toHaveAttribute("data-status", "saved");

    // The explanation is one click away.
    await typed.getByText("为什么\uFF1F").click();
    await expect(typed.getByRole("note")).toContainText("依据");
  });

  test("a manager's correction changes how the next similar entry is tagged, for this team only", async ({ page, world }) => {
    await signInPage(page, world.managerA);
    await page.goto(`/t/${world.teamA}/today`);
    const box = page.getByPlaceholder(/今天做了什么/);
    await box.fill("在抖音直播带课,在线800人");
    await box.press("Enter");
    const first = page.getByTestId("entry").filter({ hasText: "在线800人" });
    const roleChip = first.getByTestId("role-chip");
    await expect(first).toHaveAttribute("data-status", "saved");
    const engineRole = await roleChip.inputValue();
    const corrected = engineRole === "activity" ? "community" : "activity";
    await roleChip.selectOption(corrected);
    await expect(first.getByTestId("tag-source")).toContainText("已更正");

    await box.fill("抖音直播带课第二场,在线900人");
    await box.press("Enter");
    const second = page.getByTestId("entry").filter({ hasText: "在线900人" });
    await expect(second).toHaveAttribute("data-status", "saved");
    await expect(second.getByTestId("role-chip")).toHaveValue(corrected);

    // Team B never saw the correction.
    await signInPage(page, world.memberB);
    await page.goto(`/t/${world.teamB}/today`);
    const boxB = page.getByPlaceholder(/今天做了什么/);
    await boxB.fill("抖音直播带课第三场,在线950人");
    await boxB.press("Enter");
    const other = page.getByTestId("entry").filter({ hasText: "在线950人" });
    await expect(other).toHaveAttribute("data-status", "saved");
    await expect(other.getByTestId("role-chip")).toHaveValue(engineRole);
  });

  test("delete an entry, then undo", async ({ page, world }) => {
    await signInPage(page, world.memberA);
    await page.goto(`/t/${world.teamA}/today`);
    const text = `整理用户反馈23条提给产品 ${uniqueId()}`;
    const box = page.getByPlaceholder(/今天做了什么/);
    await box.fill(text);
    await box.press("Enter");
    const entry = page.getByTestId("entry").filter({ hasText: text });
    await expect(entry).toHaveAttribute("data-status", "saved");
    await entry.getByRole("button", { name: "删除" }).click();
    await expect(entry).toHaveCount(0);
    await page.getByRole("button", { name: "撤销" }).click();
    await expect(entry).toHaveCount(1);
    await page.reload();
    await expect(page.getByTestId("entry").filter({ hasText: text })).toHaveCount(1);
  });

  test("CSV import rejects a bad row with its line number, then imports the fixed file; export opens as text", async ({ page, world }) => {
    await signInPage(page, world.managerA);
    await page.goto(`/t/${world.teamA}/import`);
    const id = uniqueId();
    const good = (n: number) => `2026-11-20,${world.memberA.email},导入测试 ${id} 第${n}条 回复社区帖子,30`;
    const bad = ["date,email,text,minutes", good(1), `2026-11-20,stranger-${id}@example.test,没人认识的成员,10`, good(3)].join("\n");
    await page.getByTestId("csv-file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
    const errors = page.getByTestId("import-errors");
    await expect(errors).toContainText("第 3 行");
    await expect(errors).toContainText(`stranger-${id}@example.test`);

    const fixed = ["date,email,text,minutes", good(1), good(2), good(3)].join("\n");
    await page.getByTestId("csv-file").setInputFiles({ name: "fixed.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
    await page.getByRole("button", { name: /导入 3 行/ }).click();
    await expect(page.getByTestId("import-done")).toContainText("已导入 3 条");

    await page.goto(`/t/${world.teamA}/entries?q=${encodeURIComponent(`导入测试 ${id}`)}`);
    await expect(page.getByTestId("entry-row")).toHaveCount(3);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("日期,成员邮箱");
    expect(csv.split(`导入测试 ${id}`).length - 1).toBe(3);
  });
});
