// All UI messages, per locale. Each area keeps its own file pair so features can grow independently;
// an area file's top-level keys are merged into the catalog (they must not collide).
import coreEn from "./en.json";
import coreZh from "./zh-CN.json";
import dashboardEn from "./dashboard.en.json";
import dashboardZh from "./dashboard.zh-CN.json";
import learnEn from "./learn.en.json";
import learnZh from "./learn.zh-CN.json";
import securityEn from "./security.en.json";
import securityZh from "./security.zh-CN.json";
import learningEn from "./learning.en.json";
import learningZh from "./learning.zh-CN.json";
import rhythmEn from "./rhythm.en.json";
import rhythmZh from "./rhythm.zh-CN.json";
import a11yEn from "./a11y.en.json";
import a11yZh from "./a11y.zh-CN.json";
import ssoEn from "./sso.en.json";
import ssoZh from "./sso.zh-CN.json";
import csvEn from "./csv.en.json";
import csvZh from "./csv.zh-CN.json";
import commentsEn from "./comments.en.json";
import commentsZh from "./comments.zh-CN.json";
import deliveryEn from "./delivery.en.json";
import deliveryZh from "./delivery.zh-CN.json";
import remindersEn from "./reminders.en.json";
import remindersZh from "./reminders.zh-CN.json";
import type { Locale } from "../locales";

type Catalog = Record<string, unknown>;

const AREAS: { en: Catalog; "zh-CN": Catalog }[] = [
  // Area message files are registered here, e.g. { en: dashboardEn, "zh-CN": dashboardZh }.
  { en: dashboardEn, "zh-CN": dashboardZh },
  { en: learnEn, "zh-CN": learnZh },
  { en: securityEn, "zh-CN": securityZh },
  { en: learningEn, "zh-CN": learningZh },
  { en: rhythmEn, "zh-CN": rhythmZh },
  { en: a11yEn, "zh-CN": a11yZh },
  { en: ssoEn, "zh-CN": ssoZh },
  { en: csvEn, "zh-CN": csvZh },
  { en: remindersEn, "zh-CN": remindersZh },
  { en: commentsEn, "zh-CN": commentsZh },
  { en: deliveryEn, "zh-CN": deliveryZh },
];

function merge(locale: Locale, core: Catalog): Catalog {
  const catalog: Catalog = { ...core };
  for (const area of AREAS) Object.assign(catalog, area[locale]);
  return catalog;
}

export const CATALOGS: Record<Locale, Catalog> = {
  en: merge("en", coreEn),
  "zh-CN": merge("zh-CN", coreZh),
};
