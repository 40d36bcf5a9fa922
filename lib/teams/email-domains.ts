import "server-only";
// E-mail domains a team claims: a person whose first single sign-on comes with an address at one of them joins the
// team as a member (lib/auth/sso-accounts.ts). One team per domain on the instance; public mail services never.
import { prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { Conflict, Invalid, NotFound } from "@/lib/errors";

export const MAX_DOMAINS_PER_TEAM = 20;

/** Addresses anyone can get: claiming one would let strangers into the team. */
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com", "me.com",
  "aol.com", "proton.me", "protonmail.com", "gmx.com", "mail.com", "yandex.com", "qq.com", "foxmail.com", "163.com",
  "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com", "aliyun.com", "139.com", "189.cn",
]);

const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** "@Example.COM", "例子.中国" → "example.com", "xn--fsqu00a.xn--fiqs8s"; throws Invalid with what to type instead. */
export function normaliseEmailDomain(input: string): string {
  const raw = input.trim().replace(/^@/, "").replace(/\.$/, "").toLowerCase();
  if (!raw || /[\s/:@?#]/.test(raw)) throw new Invalid("sso.errors.domainInvalid", { field: "domain" });
  let ascii: string;
  try {
    ascii = new URL(`http://${raw}`).hostname;
  } catch {
    throw new Invalid("sso.errors.domainInvalid", { field: "domain" });
  }
  if (!DOMAIN_PATTERN.test(ascii) || /^[0-9.]+$/.test(ascii)) throw new Invalid("sso.errors.domainInvalid", { field: "domain" });
  if (PUBLIC_MAIL_DOMAINS.has(ascii)) throw new Invalid("sso.errors.domainPublic", { domain: ascii, field: "domain" });
  return ascii;
}

export async function listEmailDomains(teamId: string): Promise<string[]> {
  const rows = await prisma.teamEmailDomain.findMany({ where: { teamId }, orderBy: { domain: "asc" }, select: { domain: true } });
  return rows.map((row) => row.domain);
}

export async function addEmailDomain(teamId: string, input: string, actorId: string): Promise<string> {
  const domain = normaliseEmailDomain(input);
  const existing = await prisma.teamEmailDomain.findUnique({ where: { domain }, select: { teamId: true } });
  if (existing?.teamId === teamId) return domain;
  if (existing) throw new Conflict("sso.errors.domainTaken", { domain });
  if ((await prisma.teamEmailDomain.count({ where: { teamId } })) >= MAX_DOMAINS_PER_TEAM) {
    throw new Invalid("sso.errors.domainLimit", { max: MAX_DOMAINS_PER_TEAM });
  }
  try {
    await prisma.teamEmailDomain.create({ data: { domain, teamId, createdById: actorId } });
  } catch (error) {
    if ((error as { code?: string })?.code === "P2002") throw new Conflict("sso.errors.domainTaken", { domain });
    throw error;
  }
  await recordAudit({ action: "team.email-domain.add", teamId, actorId, targetType: "email-domain", targetId: domain });
  return domain;
}

export async function removeEmailDomain(teamId: string, domain: string, actorId: string): Promise<void> {
  const { count } = await prisma.teamEmailDomain.deleteMany({ where: { teamId, domain: domain.trim().toLowerCase() } });
  if (count === 0) throw new NotFound();
  await recordAudit({ action: "team.email-domain.remove", teamId, actorId, targetType: "email-domain", targetId: domain });
}
