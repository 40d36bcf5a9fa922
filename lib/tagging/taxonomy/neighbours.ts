// Confusable neighbours of each role and stage, with a one-line "how it differs" (for onboarding a new team).
import type { Bilingual, RoleKey, StageKey } from "../types";

export interface Neighbour<K extends string> {
  key: K;
  /** How this key differs from the neighbour: read as "<this key>, unlike <neighbour>, ...". */
  differs: Bilingual;
}

export const ROLE_NEIGHBOURS: Record<RoleKey, readonly Neighbour<RoleKey>[]> = {
  user: [
    { key: "community", differs: { zh: "面向具体的人和群（私信、社群、打卡），而不是公开的论坛帖子", en: "works with people and groups (DMs, chat groups, check-ins), not public forum threads" } },
    { key: "product", differs: { zh: "目的是帮到这个用户；把问题整理给产品经理才是产品运营", en: "aims to help this user; passing issues on to the PM is product work" } },
    { key: "activity", differs: { zh: "一对一或日常维护；带奖励的召回活动算活动运营", en: "one-to-one or routine care; a recall campaign with rewards is activity" } },
  ],
  content: [
    { key: "new_media", differs: { zh: "内容发在自己的产品上；发在公众号、抖音等外部平台是新媒体", en: "content lives on our own product; on external platforms it is new media" } },
    { key: "community", differs: { zh: "生产内容本身；回复和管理帖子是社区运营", en: "produces the content itself; replying to and moderating posts is community" } },
    { key: "user", differs: { zh: "写文案和模板是内容；逐个发送和跟进是用户运营", en: "writing copy and templates is content; sending and following up one by one is user" } },
    { key: "activity", differs: { zh: "持续产出的文章、课程、栏目；有主题、有时限、有奖励的一场活动是活动运营", en: "ongoing articles, courses and columns; a themed, time-boxed event with rewards is activity" } },
  ],
  community: [
    { key: "new_media", differs: { zh: "在自己的社区/论坛里；外部平台的评论回复是新媒体", en: "in our own forum or community; replies on external platforms are new media" } },
    { key: "user", differs: { zh: "公开空间的讨论和秩序；私聊和微信群是用户运营", en: "the public space, its discussions and order; DMs and chat groups are user work" } },
    { key: "content", differs: { zh: "组织讨论、投票和规则；自己写文章是内容运营", en: "runs discussions, votes and rules; writing articles ourselves is content" } },
  ],
  new_media: [
    { key: "marketing", differs: { zh: "经营自有账号涨粉和互动；花钱买广告是市场运营", en: "grows our own accounts organically; paying for ads is marketing" } },
    { key: "content", differs: { zh: "外部平台（公众号、抖音、小红书）；自有产品上的内容是内容运营", en: "external platforms (WeChat OA, Douyin, Xiaohongshu); own-product content is content" } },
    { key: "activity", differs: { zh: "外部平台上的直播属于新媒体；自己产品里的直播课是活动运营", en: "live streams on external platforms are new media; live classes on our product are activity" } },
  ],
  business: [
    { key: "marketing", differs: { zh: "和机构谈合作、签协议；自己投广告买流量是市场运营", en: "deals with organisations; buying traffic through ads ourselves is marketing" } },
    { key: "activity", differs: { zh: "与合作方谈成联合活动是商务；执行活动本身是活动运营", en: "negotiating a co-hosted event is business; running the event itself is activity" } },
    { key: "new_media", differs: { zh: "和博主、媒体机构签合作是商务；运营自己的账号是新媒体", en: "signing with creators or media outlets is business; running our own accounts is new media" } },
  ],
  product: [
    { key: "user", differs: { zh: "把反馈变成产品改进；解答用户本人的问题是用户运营", en: "turns feedback into product changes; answering the user's own question is user work" } },
    { key: "content", differs: { zh: "功能与流程本身；写帮助文档是内容运营", en: "the features and flows themselves; writing help articles is content" } },
    { key: "marketing", differs: { zh: "注册和定价页的产品实验；广告转化是市场运营", en: "experiments on sign-up and pricing pages; ad conversion is marketing" } },
  ],
  activity: [
    { key: "marketing", differs: { zh: "策划执行一场活动；纯广告投放是市场运营", en: "plans and runs an event or campaign; pure ad buying is marketing" } },
    { key: "new_media", differs: { zh: "自己产品上的直播课和活动；外部平台直播是新媒体", en: "live classes and events on our own product; external live streams are new media" } },
    { key: "community", differs: { zh: "有主题、有奖励、有时限的活动；日常的讨论和投票是社区运营", en: "themed, time-boxed events with rewards; everyday discussions and votes are community" } },
    { key: "content", differs: { zh: "一场活动的策划、报名和执行；为活动写推文、做海报时，主要工作是写作的算内容运营", en: "planning, sign-ups and running one event; writing its articles and posters is content when the writing is the main work" } },
  ],
  marketing: [
    { key: "new_media", differs: { zh: "付费投放和品牌公关；自有账号的涨粉是新媒体", en: "paid ads and brand PR; organic follower growth is new media" } },
    { key: "business", differs: { zh: "自己买流量；和机构谈合作、换量是商务", en: "buys traffic ourselves; partnerships and traffic exchange are business" } },
    { key: "activity", differs: { zh: "为拉新做的推广与转化；策划活动本身是活动运营", en: "promotion and conversion for new users; planning the event itself is activity" } },
  ],
};

export const STAGE_NEIGHBOURS: Record<StageKey, readonly Neighbour<StageKey>[]> = {
  acquisition: [
    { key: "referral", differs: { zh: "靠我们自己带来新用户；靠用户分享和推荐带来的算口碑传播", en: "we bring the new users; new users brought by users sharing is referral" } },
    { key: "connection", differs: { zh: "用户到来之前（曝光、注册）；到来之后的第一次接触是建立联系", en: "before the user arrives (reach, sign-up); first contact after arrival is connection" } },
  ],
  connection: [
    { key: "activation", differs: { zh: "刚来时的欢迎、引导和了解需求；之后的日常互动是促进活跃", en: "welcome, onboarding and needs when users arrive; later everyday interaction is activation" } },
    { key: "acquisition", differs: { zh: "用户已经来了；把人带来是用户获取", en: "the user has already arrived; bringing them in is acquisition" } },
  ],
  activation: [
    { key: "retention", differs: { zh: "让用户多互动；防止离开、修复问题、召回是提高留存", en: "gets users to interact more; preventing churn, fixing problems and recall are retention" } },
    { key: "connection", differs: { zh: "已有用户的日常参与；新用户的第一次接触是建立联系", en: "everyday participation of existing users; a new user's first contact is connection" } },
  ],
  retention: [
    { key: "activation", differs: { zh: "让用户留下、让产品更好；单纯的互动和参与是促进活跃", en: "keeps users and improves the product; plain interaction and participation is activation" } },
    { key: "referral", differs: { zh: "留住已有用户；让他们去推荐别人是口碑传播", en: "keeps existing users; getting them to recommend others is referral" } },
  ],
  referral: [
    { key: "acquisition", differs: { zh: "由用户分享推荐驱动，即使结果是新用户", en: "driven by users sharing or recommending, even when the result is new users" } },
    { key: "retention", differs: { zh: "用户主动对外推荐；留住他们自己是提高留存", en: "users recommend outward; keeping them ourselves is retention" } },
  ],
};
