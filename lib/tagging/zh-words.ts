// Chinese words, for showing whole words as cues ("知乎", never "在知"): jieba's dictionary (shipped in the
// @node-rs/jieba npm package as dict.txt, read as text: no native code runs) plus an ops-term user dictionary
// (platforms, channels and the trade's own words that the general dictionary lacks). Used only while the base
// model is built: a Chinese n-gram is shown as a cue when it is made of whole words of two or more characters.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Ops terms missing from (or split by) the general dictionary; written from GUIDE.md, the seed article and the trade. */
export const OPS_WORDS: readonly string[] = (
  "知乎 小红书 抖音 快手 视频号 公众号 服务号 订阅号 小程序 企微 企业微信 微信群 朋友圈 个人号 社群 私域 公域 微博 " +
  "B站 哔哩哔哩 今日头条 头条号 百家号 豆瓣 贴吧 得物 拼多多 淘宝 天猫 京东 美团 大众点评 饿了么 闲鱼 有赞 微店 飞书 钉钉 " +
  "拉新 促活 留存 召回 转化 裂变 种草 拔草 引流 导流 涨粉 掉粉 吸粉 圈粉 固粉 增粉 粉丝 粉丝群 粉丝团 买量 投流 信息流 " +
  "千川 巨量引擎 广点通 磁力金牛 直通车 竞价 SEM SEO 落地页 着陆页 素材 创意 起量 ROI 获客 获客成本 线索 留资 表单 " +
  "日活 月活 周活 DAU MAU GMV 客单价 复购 复购率 续费 续费率 退费 退款 流失 流失率 沉默用户 沉睡用户 活跃用户 " +
  "新人 新客 老客 老用户 新用户 种子用户 核心用户 KOC KOL 达人 博主 主播 带货 直播 直播间 连麦 开播 下播 切片 短视频 " +
  "选题 脚本 剪辑 分镜 口播 文案 推文 图文 笔记 爆文 标题 封面 排版 头图 海报 长图 H5 banner 弹窗 push 推送 短信 " +
  "打卡 督学 班主任 助教 答疑 社群运营 用户运营 内容运营 活动运营 产品运营 新媒体运营 商务运营 市场运营 渠道运营 " +
  "社区运营 电商运营 私域运营 会员运营 积分 会员 会员日 等级 权益 优惠券 满减 秒杀 拼团 砍价 团购 抽奖 红包 签到 " +
  "任务体系 成长体系 邀请 邀请码 老带新 分销 返佣 推荐官 大使 口碑 好评 晒单 评价 UGC PGC 征稿 投稿 专栏 " +
  "周报 日报 月报 复盘 数据看板 看板 埋点 漏斗 转化率 点击率 打开率 完播率 互动率 留存率 增长 冷启动 首单 首购 " +
  "试听 体验课 正价课 训练营 公开课 直播课 录播课 课程 学员 家长 招生 续报 转介绍 转发 分享 海报裂变 任务宝 " +
  "商务 合作 BD 异业合作 联名 置换 资源置换 渠道 代理 经销商 供应商 招商 入驻 商家 品牌方 甲方 乙方 报价 合同 " +
  "需求 需求文档 PRD 迭代 版本 灰度 上线 发版 功能 新功能 改版 体验 用户反馈 反馈 工单 客服 客诉 投诉 调研 问卷 访谈 " +
  "用户画像 标签 打标签 分层 用户分层 分群 触达 召回 唤醒 关怀 回访 电话回访 外呼 私聊 私信 群发 群公告 入群 拉群 建群 " +
  "活动 线下活动 线上活动 沙龙 峰会 展会 快闪 市集 报名 签到 物料 场地 嘉宾 议程 主持 预热 造势 曝光 品宣 品牌 " +
  "公关 PR 新闻稿 发布会 媒体 投放 广告 预算 消耗 预算消耗 出价 人群包 定向 Lookalike 归因 A/B测试 AB测试 " +
  "社区 论坛 版主 帖子 精华帖 置顶 发帖 回帖 评论 点赞 收藏 话题 话题页 榜单 勋章 守护 违规 删帖 封禁 审核 " +
  "矩阵 账号 蓝V 认证 运营 运营官 上新 选品 货盘 橱窗 店铺 商品 详情页 主图 SKU 库存 大促 双十一 双11 618 年货节"
).split(" ").filter((w) => w.length > 0);

/**
 * Whole Chinese words that say nothing about role or stage (duty-list boilerplate, pronouns, connectives, time words,
 * status words): they stay features but are never shown as cues, as English function words are not.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  ("负责 能够 相关 各种 所有 自己 不会 进行 以及 一些 通过 我们 他们 你们 这个 那个 这些 那些 已经 还有 可以 需要 " +
    "如果 因为 所以 但是 并且 或者 其中 之后 之前 时候 方面 一下 一个 一起 其他 等等 正常 积极 有效 确定 并发 今天 明天 " +
    "昨天 本周 上周 下周 完成 开始 继续 主要 具体 及时 协助 配合 根据 对于 关于 以上 以下 进一步 东西 各个 越来越 的话 各位 没有 是否").split(" "),
);

/**
 * English words that stay features (they help a little in context) but say nothing about role or stage on their own,
 * so they are never shown as cues; the tokenizer's stopwords (features.ts) are not even features.
 */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  ("how up out off down everyone everybody everything someone something anyone anything nobody nothing one ones " +
    "make made making take took put set way ways thing things stuff lot lots much many few several also only still " +
    "even already always never often sometimes usually really well back next last same another others " +
    "too yet though however instead around across through after before above below under onto upon towards toward " +
    "able sure ok okay yes hi hey thanks thank please via now myself yourself ourselves themselves going gonna").split(" "),
);

/** Where the npm package keeps jieba's dictionary: beside node_modules of the working directory or of this file. */
function jiebaDictionaryPath(): string | null {
  const candidates = [
    path.resolve(/*turbopackIgnore: true*/ process.cwd(), "node_modules", "@node-rs", "jieba", "dict.txt"),
    path.resolve(/*turbopackIgnore: true*/ __dirname, "..", "..", "node_modules", "@node-rs", "jieba", "dict.txt"),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Chinese words with their frequency in jieba's dictionary; `complete` is false without the dictionary file. */
export type ChineseWords = Map<string, number> & { complete?: boolean };

/** Frequency given to the ops terms and extra words: about that of the commonest words in jieba's dictionary. */
const OPS_WORD_FREQUENCY = 100_000;

/**
 * Added to a word's rank where the word is never shown (FUNCTION_WORDS): it still cuts the n-grams that cross it
 * ("成对" in "完成对素材的把控"), so explain.ts knows it as a word.
 */
export const HIDDEN_WORD = 128;

/**
 * How common a single word is, as a cue's rank (2–127, higher is more common) for choosing between overlapping words
 * in an entry; 0 when `s` is not one word of the set.
 */
export function wordRank(s: string, words: ChineseWords): number {
  const freq = words.get(s);
  if (freq === undefined) return 0;
  return 2 + Math.min(HIDDEN_WORD - 3, Math.floor(Math.log2(freq + 1) * 6));
}

/**
 * The word set: jieba's dictionary words of 2–6 characters, the ops terms and any extra words (e.g. taxonomy cues).
 * `complete` is false when the dictionary file was not found (then only the ops terms and extras are in it).
 */
export function chineseWords(extra: readonly string[] = []): ChineseWords {
  const words: ChineseWords = new Map<string, number>();
  const file = jiebaDictionaryPath();
  words.complete = file !== null;
  if (file !== null) {
    const text = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const space = text.indexOf(" ", start);
      const wordEnd = space >= 0 && space < end ? space : end;
      if (wordEnd - start >= 2 && wordEnd - start <= 6) {
        const freq = Number.parseInt(text.slice(wordEnd + 1, end), 10);
        words.set(text.slice(start, wordEnd), Number.isFinite(freq) && freq > 0 ? freq : 1);
      }
      start = end + 1;
    }
  }
  // The trade's own words outrank a general word they overlap ("引流|到", not "引|流到").
  for (const w of [...OPS_WORDS, ...extra]) words.set(w, Math.max(words.get(w) ?? 0, OPS_WORD_FREQUENCY));
  return words;
}

/** True when `s` splits entirely into words of the set, each of two or more characters ("私域社群" yes, "在知" no). */
export function isWholeWords(s: string, words: { has(word: string): boolean }): boolean {
  const n = s.length;
  if (n < 2) return false;
  const ok = new Uint8Array(n + 1);
  ok[0] = 1;
  for (let end = 2; end <= n; end++) {
    for (let start = end - 2; start >= 0 && !ok[end]; start--) {
      if (ok[start] && words.has(s.slice(start, end))) ok[end] = 1;
    }
  }
  return ok[n] === 1;
}
