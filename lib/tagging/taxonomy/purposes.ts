// What a piece of work is for and whom it addresses, beside what it is about. The labelling guide decides the funnel
// stage by "what the work is mainly for" and by audience: people not yet users (acquisition), the newly arrived
// (connection), existing users' use (activation), users who leave or might (retention), users who recommend
// (referral). Each family is one lexicon feature (featurizer.ts LEX_PURPOSE) read by every head, so the model learns
// what "promote", "moderate", "thank" or "on Twitter" mean for the stage under each role instead of a cue list fixing
// it. Cues come from GUIDE.md's stage table and settled calls and from the seed article's words for the five steps
// (引流, 曝光, 拉新, 推广, 互动, 留存, 口碑), never from evaluation lines.
export interface PurposeFamily {
  /** A name for the family (documentation and tests; the model knows a family by its position). */
  key: string;
  cues: { zh: readonly string[]; en: readonly string[] };
}

export const PURPOSES: readonly PurposeFamily[] = [
  { key: "reach", cues: {
    zh: ["宣传", "推广", "曝光", "引流", "导流", "知名度", "认知度", "影响力", "传播", "造势", "预热", "软文", "新闻稿", "通稿", "发稿", "媒体报道", "投放", "广告", "海报", "易拉宝", "传单", "物料", "展位", "地推", "扩散", "吸引", "拉人", "人气", "外链", "收录", "关键词", "排名", "应用商店", "上架", "榜单"],
    en: ["promote", "promoted", "promotion", "publicity", "awareness", "visibility", "exposure", "spread the word", "press", "press release", "media coverage", "journalists", "advertise", "ads", "sponsored", "flyers", "posters", "banner", "booth", "SEO", "ASO", "keywords", "ranking", "app store", "listing", "Product Hunt", "Hacker News", "cross-post", "attract", "get the word out", "word out", "outreach", "reach out"] } },
  { key: "newcomers", cues: {
    zh: ["新用户", "潜在用户", "潜在", "拉新", "获客", "新客", "新增", "注册", "涨粉", "增粉", "粉丝增长", "招募", "招新", "线索", "意向", "目标用户", "更多人", "更多的人", "陌生", "首单", "首购", "转化"],
    en: ["new users", "potential users", "potential", "prospects", "prospective", "leads", "sign-ups", "signups", "registrations", "new followers", "followers", "grow", "growth", "recruit", "recruiting", "more people", "new audience", "audience", "conversion", "top of funnel", "first purchase"] } },
  { key: "arrival", cues: {
    zh: ["欢迎", "新人", "新成员", "新学员", "新会员", "入群", "进群", "拉群", "加群", "新手", "入门", "破冰", "自我介绍", "报到", "报道", "开营", "首次", "第一次", "第一周", "了解需求", "身份", "建档", "迎新", "上手", "引导", "备注", "入驻"],
    en: ["welcome", "welcomed", "newcomers", "new members", "new joiners", "new contributors", "newbies", "new folks", "first-time", "onboarding", "onboard", "orientation", "introductions", "introduce themselves", "getting started", "get started", "first steps", "good first issue", "first week", "mentor", "buddy", "join"] } },
  { key: "members", cues: {
    zh: ["现有用户", "已有用户", "老用户", "会员", "成员", "学员", "群友", "群成员", "社区成员", "粉丝群", "大家", "参与者", "报名者", "已报名", "同学", "用户们"],
    en: ["existing users", "existing customers", "members", "community members", "attendees", "participants", "registrants", "subscribers", "our users", "our community", "everyone", "regulars", "contributors"] } },
  { key: "interaction", cues: {
    zh: ["互动", "讨论", "回复", "答疑", "解答", "提问", "打卡", "签到", "直播", "连麦", "话题", "投票", "评论", "点赞", "参与", "活跃", "分享会", "交流", "陪伴", "督促", "练习"],
    en: ["engage", "engagement", "interact", "interaction", "reply", "replied", "replies", "answer", "answered", "questions", "discussion", "discuss", "Q&A", "AMA", "office hours", "live", "poll", "check-in", "streak", "participate", "participation", "active"] } },
  { key: "keeping", cues: {
    zh: ["流失", "召回", "唤醒", "沉默", "沉睡", "不活跃", "未登录", "长期未", "续费", "续约", "续订", "到期", "挽回", "挽留", "退订", "取消", "留存", "复购", "回流", "粘性", "忠诚"],
    en: ["churn", "churned", "inactive", "lapsed", "dormant", "at risk", "win back", "re-engage", "reactivate", "renewal", "renew", "expiring", "cancel", "cancellation", "unsubscribe", "retention", "retain", "stickiness", "loyalty", "come back", "coming back"] } },
  { key: "care", cues: {
    zh: ["维护", "维系", "关怀", "售后", "客服", "投诉", "满意度", "解决问题", "处理问题", "退款", "补偿", "回访", "体验", "问题", "故障", "修复", "bug"],
    en: ["maintain", "maintaining", "support ticket", "support", "complaint", "complaints", "satisfaction", "NPS", "refund", "resolve", "resolved", "fix", "fixed", "bug", "bugs", "issue", "troubleshoot", "relationship", "keep in touch", "health check"] } },
  { key: "order", cues: {
    zh: ["规则", "版规", "公约", "秩序", "违规", "禁言", "封号", "删帖", "举报", "审核", "清理", "垃圾", "广告帖", "灌水", "治理", "管理员", "版主", "关闭帖子", "锁帖"],
    en: ["rules", "code of conduct", "guidelines", "moderate", "moderation", "moderator", "moderators", "spam", "ban", "banned", "report", "reported", "remove", "removed", "lock", "locked", "clean up", "read-only", "permissions"] } },
  { key: "improvement", cues: {
    zh: ["反馈", "意见", "建议", "问卷", "调研", "调查", "访谈", "用户声音", "改进", "优化", "迭代", "痛点", "需求池", "复盘", "可用性"],
    en: ["feedback", "survey", "surveys", "interview", "interviews", "research", "usability", "improve", "improvement", "insights", "pain points", "suggestions", "requests", "triage", "retro", "retrospective"] } },
  { key: "recognition", cues: {
    zh: ["感谢", "致谢", "表彰", "荣誉", "荣誉墙", "勋章", "徽章", "奖励", "积分", "兑换", "等级", "权益", "证书", "名人堂", "评选"],
    en: ["thank", "thanks", "thank you", "recognize", "recognise", "recognition", "appreciation", "spotlight", "award", "awards", "honor", "honour", "badge", "badges", "swag", "points", "tier", "tiers", "redeem", "hall of fame"] } },
  { key: "sharing", cues: {
    zh: ["分享", "转发", "推荐", "口碑", "邀请好友", "邀请码", "老带新", "转介绍", "裂变", "助力", "拼团", "晒", "晒单", "好评", "见证", "证言", "成功案例", "学员故事", "用户故事", "大使", "安利"],
    en: ["share", "shared", "sharing", "referral", "refer", "invite friends", "invite", "recommend", "word of mouth", "testimonial", "testimonials", "case study", "success story", "user stories", "showcase", "ambassador", "champion", "advocate", "review", "reviews", "viral"] } },
  { key: "outside", cues: {
    zh: ["公众号", "微博", "抖音", "小红书", "视频号", "B站", "知乎", "朋友圈", "外部", "其他社区", "合作方", "媒体", "渠道", "平台", "友商", "高校", "机构", "其他平台", "第三方"],
    en: ["Twitter", "tweet", "tweets", "LinkedIn", "Facebook", "Instagram", "YouTube", "TikTok", "Reddit", "Medium", "Mastodon", "social media", "other communities", "partner", "partners", "channels", "Eventbrite", "podcast", "universities"] } },
  { key: "own", cues: {
    zh: ["社区内", "群内", "群里", "站内", "论坛", "社群", "官网", "帮助中心", "App内", "产品内", "我们的社区", "自己的"],
    en: ["our forum", "our Discord", "our Slack", "our site", "our website", "in-app", "our docs", "help center", "our channel", "our newsletter", "forum", "Discord", "Slack", "Discourse", "mailing list"] } },
];
