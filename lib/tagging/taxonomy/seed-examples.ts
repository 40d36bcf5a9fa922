// The seed article's worked examples (暖石网's ops team), tagged and explained: starter golden examples for a new team.
import type { Bilingual, RoleKey, StageKey } from "../types";

export interface SeedExample {
  key: string;
  text: string;
  textEn: string;
  role: RoleKey;
  stage: StageKey;
  why: Bilingual;
}

export const SEED_EXAMPLES: readonly SeedExample[] = [
  {
    key: "buyer-connection",
    text: "新购买的学员逐个建立联系，了解身份和学习需求",
    textEn: "Reached out to each new buyer to learn who they are and what they want to learn",
    role: "user", stage: "connection",
    why: { zh: "跟刚购买的用户建立联系、获取用户信息，文章明确说这是用户运营；发生在用户刚到来时，属于建立联系。", en: "Contacting new buyers and collecting their details is user operations per the article; it happens right after arrival, so connection." },
  },
  {
    key: "tutor-answers",
    text: "班主任回复学员提问，解决操作和知识点问题",
    textEn: "As class advisor, answered learners' questions about the tool and the course",
    role: "user", stage: "activation",
    why: { zh: "班主任一对一帮用户解决学习中的困难，是围绕人的用户运营；使用过程中的答疑促进活跃。", en: "One-to-one help for learners is user work; answering questions during use is activation." },
  },
  {
    key: "feedback-to-product",
    text: "整理学员常问的操作问题，反馈给产品经理优化功能",
    textEn: "Logged learners' recurring how-to questions and passed them to the PM to improve the feature",
    role: "product", stage: "retention",
    why: { zh: "把用户反馈交给产品经理作为改产品的依据，文章称之为产品运营；改进产品、解决问题是提高留存。", en: "Feeding user feedback to the PM to change the product is product operations; fixing problems serves retention." },
  },
  {
    key: "member-groups",
    text: "维护会员群、地区群和学习小班",
    textEn: "Looked after the member groups, regional groups and study cohorts",
    role: "user", stage: "retention",
    why: { zh: "会员群、地区群、学习小班就是做社群，属于用户运营；社群带来凝聚力，让用户留下来。", en: "Member and regional groups are 社群 work, which the article files under user operations; groups build cohesion that keeps users." },
  },
  {
    key: "forum-replies",
    text: "回复社区的帖子",
    textEn: "Replied to posts in our community",
    role: "community", stage: "activation",
    why: { zh: "文章原话：回复社区的帖子属于社区运营；回复让讨论继续，促进活跃。", en: "The article says replying to community posts is community operations; replies keep discussion going, which is activation." },
  },
  {
    key: "check-in",
    text: "老师带大家打卡，督促学员学习",
    textEn: "Led the daily study check-in and nudged learners to keep going",
    role: "user", stage: "activation",
    why: { zh: "文章原话：带领大家打卡、敦促学习属于用户运营；打卡是促进活跃。", en: "The article files leading check-ins and nudging learners under user operations; check-ins are activation." },
  },
  {
    key: "learning-posts",
    text: "写了一篇对学习有帮助的干货帖子",
    textEn: "Wrote a helpful study post for learners",
    role: "content", stage: "activation",
    why: { zh: "生产对学习有帮助的帖子属于内容运营；给已有用户提供可消费的内容，促进活跃。", en: "Producing helpful posts is content operations; content for existing users to consume is activation." },
  },
  {
    key: "live-class",
    text: "开了一场直播课",
    textEn: "Ran a live class for our learners",
    role: "activity", stage: "activation",
    why: { zh: "文章原话：开设直播课属于活动运营；自己产品上的直播课促进活跃。", en: "The article says live classes are activity operations; live classes on our own product are activation." },
  },
  {
    key: "learner-summaries",
    text: "引导学员写学习总结，分享自己的学习过程",
    textEn: "Encouraged learners to write up and share summaries of their learning journey",
    role: "content", stage: "referral",
    why: { zh: "引导用户产生内容是内容运营；学员公开展示学习成果，形成口碑传播。", en: "Guiding users to produce content is content operations; learners showing their results in public is referral." },
  },
  {
    key: "summary-posts",
    text: "整理了一篇学习总结帖",
    textEn: "Put together a learning summary post",
    role: "content", stage: "activation",
    why: { zh: "运营人员形成学习总结帖子，文章称之为内容运营；供用户学习消费，促进活跃。", en: "Ops-written summary posts are content operations per the article; they give users something to consume, so activation." },
  },
  {
    key: "community-interaction",
    text: "针对产品做社区活动，回复用户留言，跟用户互动",
    textEn: "Ran a community thread about the product and answered members' comments",
    role: "community", stage: "activation",
    why: { zh: "文章描述社区运营的日常：社区活动、回复留言、互动；目的是社区活跃。", en: "The article's picture of a community manager's day: community topics, replies and interaction, aimed at activity." },
  },
  {
    key: "iterate-features",
    text: "根据用户反馈协助产品经理迭代功能",
    textEn: "Helped the PM iterate a feature based on user feedback",
    role: "product", stage: "retention",
    why: { zh: "文章描述产品运营的日常：根据反馈协助迭代；改进产品让用户留下。", en: "The article's picture of product ops: iterating on feedback; improving the product keeps users." },
  },
  {
    key: "traffic-exchange",
    text: "和同类产品谈换量合作",
    textEn: "Negotiated a traffic exchange with a similar product",
    role: "business", stage: "acquisition",
    why: { zh: "联系媒体、和同类产品换量是商务运营；换量带来新用户，属于用户获取。", en: "Media contacts and traffic exchange with similar products are business operations; it brings new users, so acquisition." },
  },
  {
    key: "word-of-mouth",
    text: "老学员在各个渠道推荐我们的课程，带来新用户",
    textEn: "Long-time learners recommended our course on their own channels and brought new users",
    role: "user", stage: "referral",
    why: { zh: "文章的口碑传播：认可产品的用户主动推荐带来新用户，没花推广费；围绕老用户的工作是用户运营。", en: "The article's word of mouth: loyal users recommend the product and bring new users at no cost; work with those users is user operations." },
  },
];
