// The eight ops roles: names, definitions (from the seed article and the labelling guide) and cue words.
// Cues are general domain vocabulary in both languages; they feed the lexicon features of the role head.
import type { Bilingual, RoleKey } from "../types";

export interface RoleDefinition {
  key: RoleKey;
  name: Bilingual;
  definition: Bilingual;
  cues: { zh: readonly string[]; en: readonly string[] };
}

export const ROLES: readonly RoleDefinition[] = [
  {
    key: "user",
    name: { zh: "用户运营", en: "User ops" },
    definition: {
      zh: "围绕用户、围绕人做工作：贴近用户、团结用户，引导用户使用产品功能，和用户变成朋友、建立社群；了解用户身份与需求，班主任一对一答疑，督促打卡，会员群/地区群/学习小班，用户分层、积分会员、流失召回与VIP关怀。",
      en: "Work on and with individual users and user groups: getting close to users, onboarding new buyers, learning who they are and what they need, 1:1 answers to learners, check-in supervision, member and regional groups, segmentation, loyalty, churn recall and VIP care.",
    },
    cues: {
      zh: [
        "用户运营", "新用户", "新学员", "班主任", "助教", "私信", "一对一", "1对1", "答疑", "解答", "回访", "电话回访", "用户信息", "学习需求", "用户画像",
        "用户分层", "分层", "打标签", "打卡", "督学", "督促", "学习计划", "社群", "微信群", "会员群", "地区群", "学习小班", "班级群", "群公告", "入群", "拉群",
        "建群", "积分", "会员", "会员等级", "VIP", "大客户", "高价值用户", "流失用户", "沉默用户", "沉睡用户", "召回", "关怀", "生日", "企业微信", "加微信",
        "1v1", "学习进度", "督促学习", "个人号", "朋友圈互动",
      ],
      en: [
        "new buyer", "1:1", "one-on-one", "direct message", "DM", "DMs", "personally", "individually", "check-in",
        "check-ins", "accountability", "study group", "cohort", "WeChat group", "member group", "group chat",
        "segment", "segmentation", "loyalty", "points", "VIP", "power users", "churned users", "lapsed users",
        "win-back", "follow-up call", "followed up", "welcome call", "user profile", "tutor", "class advisor",
      ],
    },
  },
  {
    key: "content",
    name: { zh: "内容运营", en: "Content ops" },
    definition: {
      zh: "创造、编辑、整理和发布产品自有渠道上的内容：文章、教程、帖子、总结、专题；引导用户生产内容（UGC），内容规划与日历，SEO内容，内容质量审核。",
      en: "Producing, editing, curating and publishing content on the product's own surfaces: articles, tutorials, posts, summaries, collections; guiding users to produce UGC, content calendars, SEO content, content quality review.",
    },
    cues: {
      zh: [
        "内容运营", "文章", "教程", "干货", "攻略", "稿件", "撰写", "写了", "写完", "编辑", "排版", "校对", "改稿", "选题", "内容日历", "内容规划", "专题",
        "合集", "精选", "总结帖", "学习总结", "知识点", "课程笔记", "知识库", "帮助中心", "帮助文档", "FAQ", "文案", "模板", "内容审核", "审核内容", "UGC",
        "征稿", "投稿", "约稿", "长文", "指南", "案例拆解", "周报内容", "更新内容", "内容更新", "学习资料", "资料包", "词条", "专栏文章", "博客", "配图", "标题",
        "稿子", "发布文章", "站内文章",
      ],
      en: [
        "article", "articles", "blog", "blog post", "tutorial", "tutorials", "guide", "how-to", "write", "wrote",
        "written", "draft", "drafted", "edit", "edited", "editing", "proofread", "copy", "copywriting", "template",
        "templates", "help center", "help article", "FAQ", "docs", "knowledge base", "content calendar", "editorial",
        "curated", "roundup", "digest", "glossary", "cheat sheet", "study notes", "UGC", "content review", "headline",
        "long-form", "explainer", "newsletter issue",
      ],
    },
  },
  {
    key: "community",
    name: { zh: "社区运营", en: "Community ops" },
    definition: {
      zh: "运营产品自有的社区/论坛：回复帖子和留言、与用户互动，做主题活动、投票、讨论，制定社区规则、管理版主，发现达人，让社区活跃壮大。",
      en: "Running the product's own forum or community: replying to posts and comments, topics, votes and discussions, community rules and moderation, recognising moderators and KOLs, keeping the community active and growing.",
    },
    cues: {
      zh: [
        "社区运营", "社区", "论坛", "帖子", "回帖", "跟帖", "回复帖子", "楼层", "版主", "版规", "社区规则", "社区公约", "置顶", "加精", "精华帖", "删帖", "举报",
        "违规", "禁言", "封号", "水帖", "灌水", "广告帖", "投票", "话题", "讨论", "讨论区", "问答区", "板块", "达人", "KOL", "社区活动", "勋章", "徽章",
        "社区等级", "发帖", "热帖", "社区氛围", "活跃用户", "优质回答", "社区排行",
      ],
      en: [
        "forum", "community", "thread", "threads", "moderator", "moderators", "moderation", "moderated", "mod",
        "mods", "community guidelines", "guidelines", "rules", "reported posts", "spam", "banned", "pinned",
        "featured thread", "poll", "discussion", "discussions", "topic", "upvote", "upvotes", "badge", "badges",
        "superusers", "Discourse", "Discord", "subforum", "leaderboard",
      ],
    },
  },
  {
    key: "new_media",
    name: { zh: "新媒体运营", en: "New media ops" },
    definition: {
      zh: "在外部新媒体/社交平台为公司引流：公众号、微博、抖音、小红书、视频号、B站、知乎专栏，短视频与平台直播，涨粉，渠道数据分析；既是市场工作，又要做和用户有关的活动。",
      en: "External social and new-media channels that bring traffic: WeChat official account, Weibo, Douyin, Xiaohongshu, Channels, Bilibili, Zhihu columns, short video and platform live streams, follower growth, channel analytics.",
    },
    cues: {
      zh: [
        "新媒体", "公众号", "服务号", "订阅号", "推文", "头条", "次条", "微博", "抖音", "快手", "小红书", "视频号", "B站", "哔哩哔哩", "知乎", "知乎专栏",
        "今日头条", "短视频", "视频脚本", "剪辑", "封面", "直播间", "粉丝", "涨粉", "掉粉", "关注", "阅读量", "播放量", "完播率", "点赞", "在看", "评论区",
        "私信回复", "笔记", "账号", "矩阵", "热点", "热搜", "话题标签", "菜单栏", "自动回复", "留言区", "平台直播", "博主", "up主",
      ],
      en: [
        "WeChat official account", "official account", "Weibo", "Douyin", "TikTok", "Xiaohongshu", "RED", "Bilibili",
        "Zhihu", "YouTube", "Twitter", "LinkedIn", "Instagram", "Facebook page", "Threads app", "Reels", "Shorts",
        "short video", "video", "followers", "follower", "subscribers", "views", "likes", "engagement rate",
        "social media", "social", "hashtag", "story", "stories", "carousel", "channel analytics", "our account",
        "livestream", "influencer", "creator",
      ],
    },
  },
  {
    key: "business",
    name: { zh: "商务运营", en: "Business ops" },
    definition: {
      zh: "对外合作：联系媒体、和同类产品换量、合作做活动、渠道与代理、赞助、签约和合作方管理；搞定一个B端机构，就意味着搞定了机构背后的一片用户。",
      en: "External partnerships with organisations: media cooperation, traffic exchange with similar products, co-hosted events, channel and agency deals, sponsorship, contracts and partner management; winning one organisation wins the users behind it.",
    },
    cues: {
      zh: [
        "商务", "商务运营", "合作", "合作方", "合作伙伴", "洽谈", "谈合作", "谈判", "签约", "签订", "合同", "协议", "框架协议", "换量", "资源置换", "互推",
        "媒体合作", "渠道合作", "代理商", "代理", "分销", "联合举办", "联名", "赞助", "冠名", "BD", "机构", "高校", "学校", "企业客户", "银行", "对接", "拜访",
        "商务会议", "报价", "分成", "合作名单", "合作资源", "置换", "战略合作", "联合", "出版社", "厂商", "品牌方", "对公",
      ],
      en: [
        "partner", "partners", "partnership", "partnerships", "deal", "contract", "signed", "negotiated",
        "negotiation", "sponsor", "sponsorship", "sponsored", "co-host", "co-hosted", "co-branded", "cross-promotion",
        "traffic exchange", "agency", "reseller", "distributor", "MOU", "BD", "publisher", "university",
        "universities", "bank", "podcast", "integration partner", "revenue share", "vendor", "proposal", "pitch",
        "pitched",
      ],
    },
  },
  {
    key: "product",
    name: { zh: "产品运营", en: "Product ops" },
    definition: {
      zh: "为把产品做好而运营：做用户调查、收集和整理用户反馈、观察用户行为流，把问题反馈给产品经理，协助迭代功能；新功能上线、灰度与A/B测试、迭代复盘。",
      en: "Feeding the product: user research and surveys, collecting and triaging feedback, watching behaviour flows, reporting bugs and usability issues to PMs, supporting feature launches, A/B tests and iteration reviews.",
    },
    cues: {
      zh: [
        "产品运营", "产品经理", "需求", "需求池", "需求评审", "反馈", "用户反馈", "问卷", "调研", "用户调查", "用户调研", "可用性", "bug", "缺陷", "报障", "工单",
        "埋点", "行为路径", "行为流", "漏斗分析", "灰度", "内测", "公测", "新功能", "功能上线", "上线", "版本", "迭代", "改版", "A/B测试", "AB测试", "实验",
        "卡顿", "闪退", "报错", "优化建议", "新手引导", "注册流程", "支付流程", "定价页", "功能", "交互", "原型", "产品迭代", "数据看板", "复盘会",
      ],
      en: [
        "PM", "PMs", "product manager", "product team", "feedback", "survey", "surveys", "user interviews",
        "usability", "UX", "bug", "bugs", "crash", "crashes", "issue", "issues", "ticket", "tickets", "triage",
        "triaged", "feature", "features", "release", "rollout", "rolled out", "beta", "A/B test", "experiment",
        "onboarding flow", "iteration", "roadmap", "NPS", "satisfaction", "session recordings", "heatmap",
        "funnel drop-off", "changelog", "release notes", "pricing page", "sign-up flow", "dashboard",
      ],
    },
  },
  {
    key: "activity",
    name: { zh: "活动运营", en: "Activity ops" },
    definition: {
      zh: "策划和执行活动：直播课、公开课、训练营、比赛与挑战、节日促销、线下沙龙、奖品发放、活动复盘；做用户喜欢的活动，增加愿意互动的人数。",
      en: "Planning and running campaigns and events: live classes and webinars on our own product, bootcamps, contests and challenges, festival promotions, offline meetups, prize logistics and event retrospectives.",
    },
    cues: {
      zh: [
        "活动运营", "活动", "策划", "直播课", "公开课", "训练营", "比赛", "大赛", "挑战赛", "挑战", "打榜", "双11", "双十一", "618", "年货节", "节日",
        "周年庆", "抽奖", "奖品", "礼品", "发奖", "中奖", "线下", "沙龙", "见面会", "峰会", "报名", "复盘", "活动页", "活动海报", "限时", "秒杀", "优惠券",
        "满减", "开营", "结营", "闯关", "答题", "PK", "场次", "嘉宾", "讲师", "主持", "彩排", "签到处", "物料", "快递", "开播",
      ],
      en: [
        "campaign", "event", "events", "webinar", "webinars", "live class", "live session", "workshop", "workshops",
        "bootcamp", "contest", "challenge", "hackathon", "giveaway", "prize", "prizes", "raffle", "lucky draw",
        "meetup", "offline", "summit", "registration", "registrations", "attendees", "retro", "retrospective",
        "Black Friday", "holiday sale", "anniversary", "launch event", "speaker", "speakers", "host", "hosted",
        "swag", "venue", "RSVP", "RSVPs",
      ],
    },
  },
  {
    key: "marketing",
    name: { zh: "市场运营", en: "Marketing ops" },
    definition: {
      zh: "以获取流量为目的的付费与品牌工作：广告投放（SEM、信息流）、渠道ROI、品牌公关、竞品与市场调研、推广预算、注册转化漏斗。",
      en: "Paid and brand traffic acquisition: ad campaigns (SEM, feeds), channel ROI, brand PR, competitor and market research, promotion budgets, sign-up conversion funnels.",
    },
    cues: {
      zh: [
        "市场运营", "市场", "投放", "广告", "信息流", "SEM", "竞价", "出价", "关键词", "搜索广告", "朋友圈广告", "巨量引擎", "广点通", "获客成本", "CPA",
        "CPC", "CPM", "ROI", "预算", "转化率", "转化", "落地页", "品牌", "公关", "PR", "新闻稿", "媒体稿", "竞品", "竞品分析", "市场调研", "市场分析",
        "推广", "地推", "分众", "户外广告", "电梯广告", "素材", "创意", "千次曝光", "点击率", "消耗", "账户", "渠道效果", "买量", "拉新", "获客", "品牌曝光",
        "广告组",
      ],
      en: [
        "ad", "ads", "advertising", "paid", "Google Ads", "Meta ads", "Facebook ads", "SEM", "PPC", "CPC", "CPA",
        "CPM", "CAC", "ROAS", "ROI", "budget", "spend", "bid", "bids", "landing page", "conversion", "conversions",
        "funnel", "brand", "branding", "PR", "press release", "press", "media buy", "competitor", "competitors",
        "market research", "retargeting", "lookalike", "creative", "creatives", "CTR", "ad set", "billboard",
        "positioning", "keyword",
      ],
    },
  },
];
