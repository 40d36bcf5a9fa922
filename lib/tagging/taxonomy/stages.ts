// The five funnel stages of the seed article (from a user's first contact to recommending the product), with cues.
import type { Bilingual, StageKey } from "../types";

export interface StageDefinition {
  key: StageKey;
  name: Bilingual;
  definition: Bilingual;
  cues: { zh: readonly string[]; en: readonly string[] };
}

export const STAGES: readonly StageDefinition[] = [
  {
    key: "acquisition",
    name: { zh: "用户获取", en: "Acquisition" },
    definition: {
      zh: "把新的人带到产品上来：流量、曝光、注册、首购，为拉新而做的合作、广告、SEO和涨粉。",
      en: "Bringing new people to the product: traffic, exposure, sign-ups, first purchase, partnerships for new users, ads, SEO, follower growth.",
    },
    cues: {
      zh: [
        "拉新", "获客", "新增", "新用户", "注册", "注册量", "曝光", "引流", "流量", "涨粉", "新增粉丝", "投放", "广告", "首单", "首购", "下载", "安装",
        "推广", "地推", "SEO", "收录", "排名", "覆盖", "触达", "线索", "留资", "导流", "买量", "换量", "新客",
      ],
      en: [
        "acquisition", "new users", "new signups", "sign-ups", "signups", "sign up", "registrations", "traffic",
        "reach", "impressions", "exposure", "awareness", "new followers", "gained", "installs", "downloads",
        "first purchase", "leads", "SEO", "ranking", "CAC", "top of funnel", "inbound", "prospects",
      ],
    },
  },
  {
    key: "connection",
    name: { zh: "建立联系", en: "Connection" },
    definition: {
      zh: "用户来到产品之后的第一次联系：欢迎、新手引导、拉进群、获取用户身份和需求、第一次帮助，建立信任。",
      en: "First contact after a user arrives: welcome, onboarding, adding to groups, collecting identity and needs, first help, building trust.",
    },
    cues: {
      zh: [
        "欢迎", "新人", "新学员", "新用户", "入群", "拉群", "进群", "加微信", "加好友", "新手引导", "新手", "引导流程", "破冰", "自我介绍", "了解需求", "身份",
        "建档", "首次", "开营", "报到", "入学", "开课前", "首周", "第一周", "欢迎语", "迎新", "认识", "建立联系", "信任", "入门",
      ],
      en: [
        "welcome", "welcomed", "onboarding", "onboard", "onboarded", "new members", "new customers", "intro",
        "introductions", "first contact", "first week", "first day", "get to know", "kickoff", "kick-off",
        "orientation", "needs", "profile", "first-time", "newcomers", "getting started", "trust",
      ],
    },
  },
  {
    key: "activation",
    name: { zh: "促进活跃", en: "Activation" },
    definition: {
      zh: "让已有用户更多地互动：提供可消费的内容、活动、讨论、回复、直播课、打卡，使用过程中的答疑，增加愿意互动的人数。",
      en: "Getting existing users to interact more: content to consume, activities, discussions, replies, live classes, check-ins, answering questions during use.",
    },
    cues: {
      zh: [
        "活跃", "促活", "互动", "讨论", "回复", "答疑", "打卡", "签到", "直播", "直播课", "参与", "话题", "投票", "评论", "挑战", "比赛", "日活", "参与率",
        "互动率", "在线", "练习", "作业", "点评",
      ],
      en: [
        "engagement", "engaged", "active", "interaction", "interactions", "discussion", "replies", "Q&A", "check-in",
        "streak", "participation", "participants", "live", "webinar", "poll", "challenge", "DAU", "usage",
        "attendees", "comments", "homework", "practice",
      ],
    },
  },
  {
    key: "retention",
    name: { zh: "提高留存", en: "Retention" },
    definition: {
      zh: "让用户不离开、让产品对用户更好：反馈闭环、产品改进、流失召回、续费、满意度、解决问题、社区秩序与积分会员。",
      en: "Keeping users from leaving and making the product better for them: feedback loops, product improvements, churn recall, renewals, satisfaction, fixing problems.",
    },
    cues: {
      zh: [
        "留存", "流失", "召回", "续费", "复购", "满意度", "反馈", "投诉", "bug", "修复", "优化", "迭代", "积分", "兑换", "等级", "会员权益", "规则",
        "违规", "举报", "沉睡", "唤醒", "回访", "退款", "续约", "挽回", "体验", "改进", "到期", "老用户", "忠诚",
      ],
      en: [
        "retention", "retain", "churn", "churned", "win back", "win-back", "renewal", "renewals", "renew",
        "satisfaction", "NPS", "feedback", "complaint", "complaints", "bug", "fix", "fixed", "improvement", "loyalty",
        "points", "redeem", "redemption", "tier", "tiers", "spam", "rules", "reactivate", "reactivation", "lapsed",
        "cancellation", "refund", "expiring", "existing customers",
      ],
    },
  },
  {
    key: "referral",
    name: { zh: "口碑传播", en: "Referral" },
    definition: {
      zh: "用户认可产品并向别人推荐：口碑、邀请与推荐计划、分享激励、成功案例与学员见证、展示成果的UGC、推广大使。",
      en: "Users recommending the product: testimonials, success stories, invite and referral programmes, sharing incentives, UGC showcasing results, ambassador programmes.",
    },
    cues: {
      zh: [
        "口碑", "推荐", "邀请", "邀请码", "邀请好友", "分享", "转发", "裂变", "助力", "拼团", "老带新", "推荐奖励", "好评", "成功案例", "学员故事", "见证", "晒",
        "晒单", "大使", "推广大使", "口碑传播", "转介绍", "推荐码", "分享海报", "转发抽奖", "用户证言", "背书", "安利",
      ],
      en: [
        "referral", "referrals", "refer", "referred", "invite", "invites", "invitation", "share", "shared", "sharing",
        "word of mouth", "testimonial", "testimonials", "success story", "success stories", "case study", "review",
        "reviews", "ambassador", "ambassadors", "champion", "champions", "advocate", "advocates", "viral",
        "invite code", "recommend", "showcase",
      ],
    },
  },
];
