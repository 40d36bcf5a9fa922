// Daily-log lines for the demo workspace, written in the seed article's style (short, telegraphic, with counts),
// in Chinese and English. Each carries the label a careful reviewer would give it: the demo's "corrections" move
// the engine's tag to this label. {n} and {m} are filled with plausible numbers.
import type { RoleKey, StageKey } from "@/lib/tagging";

export interface DemoTemplate {
  role: RoleKey;
  stage: StageKey;
  zh: string;
  en: string;
}

const t = (role: RoleKey, stage: StageKey, zh: string, en: string): DemoTemplate => ({ role, stage, zh, en });

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  // user
  t("user", "connection", "新购买的{n}位学员逐个加微信，了解身份和学习需求", "Added {n} new buyers on WeChat and asked about their goals"),
  t("user", "connection", "把本周{n}位新学员拉进学习小班群，发了入群须知", "Moved {n} new learners into this week's study cohort group"),
  t("user", "activation", "班主任答疑：回复学员私信{n}条", "Answered {n} learner DMs as class advisor"),
  t("user", "activation", "带学员打卡第{m}天，督促没打卡的{n}人", "Day {m} of the check-in: nudged {n} learners who missed it"),
  t("user", "retention", "给{n}位快到期的会员打电话沟通续费", "Called {n} members whose plan expires soon about renewing"),
  t("user", "retention", "整理流失用户名单，逐个回访了{n}位", "Followed up one by one with {n} churned users"),
  t("user", "retention", "维护会员群和地区群，处理{n}个群内问题", "Looked after the member and regional groups, {n} questions handled"),
  t("user", "referral", "邀请{n}位学得好的学员写学习心得，做成案例", "Asked {n} top learners to write up their results as success stories"),
  // content
  t("content", "activation", "写了一篇对学习有帮助的干货帖子：《{m}个Excel快捷键》", "Wrote a how-to post for learners: {m} Excel shortcuts"),
  t("content", "activation", "整理本周精华内容合集，收录{n}篇", "Curated this week's best-of digest, {n} pieces"),
  t("content", "acquisition", "写SEO文章《运营新人怎么入门》，布局{n}个长尾词", "Wrote an SEO article for beginners targeting {n} long-tail keywords"),
  t("content", "connection", "改写新手指南文档，{n}处配图更新", "Rewrote the getting-started guide, {n} screenshots updated"),
  t("content", "retention", "修订课程讲义里过时的{n}处内容", "Fixed {n} outdated sections in the course notes"),
  t("content", "activation", "审核用户投稿{n}篇，通过{m}篇", "Reviewed {n} user submissions, approved {m}"),
  t("content", "referral", "把学员的{n}个转行故事编成专题文章", "Turned {n} learners' career-change stories into a feature article"),
  t("content", "activation", "排下周内容日历，定了{n}个选题", "Planned next week's content calendar: {n} topics"),
  // community
  t("community", "activation", "回复社区的帖子{n}条", "Replied to {n} posts in our community"),
  t("community", "activation", "发起社区投票：下期直播课选题，{n}人参与", "Ran a community poll on the next live class topic, {n} votes"),
  t("community", "retention", "处理社区举报{n}条，删了{m}个广告帖", "Handled {n} community reports, removed {m} spam posts"),
  t("community", "retention", "和版主开周会，更新社区版规", "Weekly sync with moderators, updated the community rules"),
  t("community", "connection", "新人报到帖逐个回复欢迎，今天新增{n}人", "Welcomed {n} newcomers in the community intro thread"),
  t("community", "activation", "整理本周社区热门话题，加精{n}帖", "Picked this week's hot community topics, featured {n} threads"),
  t("community", "referral", "评选本月社区之星{n}位，发帖宣传", "Announced {n} community stars of the month with a shout-out post"),
  // new_media
  t("new_media", "acquisition", "公众号推文《{m}个运营工具》发布，阅读{n}", "Published the WeChat article on {m} ops tools, {n} reads"),
  t("new_media", "acquisition", "小红书发了{m}篇笔记，新增粉丝{n}", "Posted {m} Xiaohongshu notes, {n} new followers"),
  t("new_media", "acquisition", "剪了{m}条抖音短视频，播放{n}", "Edited {m} Douyin short videos, {n} views"),
  t("new_media", "activation", "回复公众号留言{n}条", "Replied to {n} comments on the WeChat account"),
  t("new_media", "connection", "公众号关注自动回复改版，加了领资料入口", "Reworked the WeChat follow auto-reply with a freebie link"),
  t("new_media", "activation", "视频号直播答疑，在线{n}人", "Q&A livestream on Channels, {n} viewers"),
  t("new_media", "acquisition", "知乎专栏回答{m}个问题，带来{n}次点击", "Answered {m} Zhihu questions, {n} clicks to the site"),
  t("new_media", "referral", "微博转发抽奖活动，转发{n}次", "Weibo repost-to-win giveaway, {n} reposts"),
  // business
  t("business", "acquisition", "和{m}家职场公众号谈互推换量", "Negotiated traffic swaps with {m} career WeChat accounts"),
  t("business", "acquisition", "对接合作方，联合举办线上分享会", "Set up a co-hosted online talk with a partner"),
  t("business", "acquisition", "和某高校就业中心签合作协议", "Signed a partnership with a university career centre"),
  t("business", "retention", "跟进渠道代理商的结算和返点", "Followed up on channel agency settlements and rebates"),
  t("business", "acquisition", "和{m}家媒体沟通课程合作报道", "Pitched a course partnership story to {m} media outlets"),
  t("business", "activation", "联系赞助商确认挑战赛奖品", "Confirmed challenge prizes with the sponsor"),
  // product
  t("product", "retention", "整理学员常问的操作问题{n}条，反馈给产品经理", "Logged {n} recurring how-to questions and passed them to the PM"),
  t("product", "retention", "发了满意度问卷，回收{n}份", "Sent the satisfaction survey, {n} responses"),
  t("product", "retention", "复现并提交{m}个播放页bug", "Reproduced and filed {m} bugs on the player page"),
  t("product", "activation", "新功能内测招募，报名{n}人", "Recruited {n} users for the new feature beta"),
  t("product", "connection", "看了{n}段新用户注册后的录屏，整理卡点", "Watched {n} session recordings of new sign-ups, listed drop-off points"),
  t("product", "acquisition", "注册页A/B测试：新版转化率+{m}%", "Sign-up page A/B test: new version +{m}% conversion"),
  t("product", "retention", "用户访谈{m}场，整理需求池", "Ran {m} user interviews, updated the request backlog"),
  // activity
  t("activity", "activation", "周二直播课，到场{n}人", "Ran the Tuesday live class, {n} attendees"),
  t("activity", "activation", "策划{m}天打卡挑战赛，报名{n}人", "Planned a {m}-day check-in challenge, {n} sign-ups"),
  t("activity", "acquisition", "双十一促销活动方案定稿，预算{n}元", "Finalised the Double 11 promotion plan, budget {n}"),
  t("activity", "retention", "老用户回归活动：流失用户领课券，回来{n}人", "Win-back campaign with course coupons, {n} users returned"),
  t("activity", "activation", "线下沙龙场地和物料确认，报名{n}人", "Confirmed venue and materials for the offline meetup, {n} RSVPs"),
  t("activity", "activation", "直播课复盘：完课率{m}%，整理改进点", "Live class retro: {m}% completion, listed improvements"),
  t("activity", "referral", "老带新活动上线：邀请1人双方各得奖励，参与{n}人", "Launched bring-a-friend rewards, {n} participants"),
  // marketing
  t("marketing", "acquisition", "百度SEM投放调整关键词{n}个，花费{m}千元", "Adjusted {n} SEM keywords, spend {m}k"),
  t("marketing", "acquisition", "信息流投放复盘：获客成本{m}元", "Feed ads retro: CAC {m}"),
  t("marketing", "acquisition", "竞品调研：整理{m}家竞品的价格和卖点", "Competitor research: pricing and claims of {m} rivals"),
  t("marketing", "acquisition", "品牌新闻稿发布，{n}家媒体转载", "Brand press release out, picked up by {n} outlets"),
  t("marketing", "acquisition", "落地页改版上线，注册转化率{m}%", "New landing page live, sign-up conversion {m}%"),
  t("marketing", "retention", "给沉睡用户投放召回广告，点击{n}", "Ran paid re-engagement ads to dormant users, {n} clicks"),
];

export interface DemoPersona {
  key: string;
  name: string;
  /** Team role in the demo workspace. */
  teamRole: "manager" | "member";
  /** How much of their work goes to each ops role, at the start and at the end of the 12 weeks. */
  start: Partial<Record<RoleKey, number>>;
  end: Partial<Record<RoleKey, number>>;
  /** Share of entries written in Chinese. */
  zh: number;
  /** Share of entries that carry minutes. */
  logsMinutes: number;
  entriesPerDay: [number, number];
}

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  { key: "lin", name: "林晓", teamRole: "manager", start: { user: 0.5, community: 0.2, activity: 0.3 }, end: { user: 0.6, community: 0.1, activity: 0.3 }, zh: 0.95, logsMinutes: 0.9, entriesPerDay: [2, 4] },
  { key: "chen", name: "陈思远", teamRole: "member", start: { content: 0.7, new_media: 0.2, marketing: 0.1 }, end: { content: 0.8, new_media: 0.2 }, zh: 0.9, logsMinutes: 0.8, entriesPerDay: [2, 3] },
  { key: "wang", name: "王蕾", teamRole: "member", start: { new_media: 0.7, content: 0.2, activity: 0.1 }, end: { new_media: 0.8, content: 0.1, activity: 0.1 }, zh: 0.95, logsMinutes: 0.6, entriesPerDay: [2, 4] },
  { key: "alex", name: "Alex Chen", teamRole: "member", start: { marketing: 0.5, business: 0.5 }, end: { marketing: 0.7, business: 0.3 }, zh: 0.25, logsMinutes: 0.9, entriesPerDay: [1, 3] },
  { key: "zhao", name: "赵一鸣", teamRole: "member", start: { community: 0.7, user: 0.3 }, end: { community: 0.5, user: 0.5 }, zh: 0.9, logsMinutes: 0.5, entriesPerDay: [2, 4] },
  { key: "liu", name: "刘畅", teamRole: "member", start: { activity: 0.7, marketing: 0.2, new_media: 0.1 }, end: { activity: 0.6, marketing: 0.3, new_media: 0.1 }, zh: 0.85, logsMinutes: 0.7, entriesPerDay: [1, 3] },
  { key: "priya", name: "Priya Nair", teamRole: "member", start: { product: 0.8, user: 0.2 }, end: { product: 0.9, user: 0.1 }, zh: 0.1, logsMinutes: 0.95, entriesPerDay: [2, 3] },
  { key: "sun", name: "孙佳", teamRole: "member", start: { user: 0.6, product: 0.2, community: 0.2 }, end: { user: 0.7, product: 0.2, community: 0.1 }, zh: 0.9, logsMinutes: 0.7, entriesPerDay: [2, 4] },
];
