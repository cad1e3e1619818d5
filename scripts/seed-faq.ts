/**
 * A starter knowledge base for the demo community, so a fresh `npm start` shows the FAQ, its
 * Chinese search and the "similar answers" deflection. Used by `npm start` only: function tests
 * and browser tests publish the entries they need themselves. Idempotent (fixed ids).
 */
import type { LocalizedText, QaCategory } from '../core/api/qa';
import { isDuplicateKey } from '../server/db/client';
import { faqRepository, type FaqDoc } from '../server/modules/qa/faq.repository';
import { termsOf } from '../server/modules/qa/faq.use-cases';
import { DEMO_COMMUNITY_ID } from './seed';

const entries: Array<{ id: string; category: QaCategory; question: LocalizedText; answer: LocalizedText }> = [
  {
    id: 'faq-demo-contract',
    category: 'legal',
    question: { zh: '入职超过一个月公司还没签劳动合同怎么办？', en: 'My employer has not signed a labour contract after a month. What can I do?' },
    answer: {
      zh: '用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资（《劳动合同法》第八十二条）。可先与企业人事沟通补签；协商不成，可到社区三师服务站咨询律师，或向劳动保障监察机构投诉。',
      en: 'If an employer has not signed a written contract more than one month (and less than a year) after you started, it owes you double wages for each month (Labour Contract Law, art. 82). Ask HR to sign one; if that fails, see a lawyer at the community clinic or complain to the labour inspectorate.',
    },
  },
  {
    id: 'faq-demo-social-insurance',
    category: 'hr',
    question: { zh: '试用期内公司可以不交社保吗？', en: 'May my employer skip social insurance during probation?' },
    answer: {
      zh: '不可以。试用期包含在劳动合同期限内，用人单位应自用工之日起三十日内为职工办理社会保险登记并缴费。可在"浙里办"查询个人参保记录。',
      en: 'No. Probation is part of the contract term; the employer must register you for social insurance within 30 days of your start date and pay contributions. You can check your record in the Zheliban app.',
    },
  },
  {
    id: 'faq-demo-small-taxpayer',
    category: 'tax',
    question: { zh: '小规模纳税人季度销售额多少以内免征增值税？', en: 'Up to what quarterly sales is a small-scale taxpayer exempt from VAT?' },
    answer: {
      zh: '按现行政策，小规模纳税人合计月销售额未超过10万元（以一个季度为纳税期的，季度销售额未超过30万元）的，免征增值税。政策有执行期限，申报前请以税务机关最新公告为准，也可在周三上午向坐诊税务师咨询。',
      en: 'Under current policy a small-scale taxpayer with monthly sales up to CNY 100,000 (CNY 300,000 per quarter when filing quarterly) is exempt from VAT. The policy has an end date: check the tax bureau’s latest notice before filing, or ask the tax advisor on Wednesday-morning clinic duty.',
    },
  },
  {
    id: 'faq-demo-loan',
    category: 'finance',
    question: { zh: '小微企业有哪些低息贷款可以申请？', en: 'Which low-interest loans can a small business apply for?' },
    answer: {
      zh: '园区合作银行提供普惠小微贷款、科技型企业信用贷和政府性融资担保贷款。一般需要近两年财务报表、纳税记录和经营流水。可预约周五上午坐诊的银行金融专员，根据企业情况推荐产品。',
      en: 'Partner banks in the park offer inclusive small-business loans, credit loans for tech firms and loans backed by the government guarantee fund. You usually need two years of accounts, tax records and bank statements. Book the bank finance specialist on Friday-morning duty for advice on your case.',
    },
  },
  {
    id: 'faq-demo-subsidy',
    category: 'policy',
    question: { zh: '企业技术改造补贴怎么申报？', en: 'How do we apply for the technology upgrade subsidy?' },
    answer: {
      zh: '每年上半年由经信部门发布申报通知，企业在线提交项目备案、设备发票和验收材料。社区可帮助核对材料并跟踪进度，有疑问请在"每日一问诊"提问，选择"政策与补贴"。',
      en: 'The economy and IT bureau publishes the call each spring; firms submit the project filing, equipment invoices and acceptance documents online. The community can check your documents and follow up: ask in Daily Q&A under "Policy and subsidies".',
    },
  },
];

export async function seedDemoFaq(now = new Date()): Promise<number> {
  let added = 0;
  for (const e of entries) {
    const doc: FaqDoc = {
      _id: e.id,
      communityId: DEMO_COMMUNITY_ID,
      category: e.category,
      question: e.question,
      answer: e.answer,
      published: true,
      ...termsOf(e.question, e.answer),
      publishedAt: now,
      updatedAt: now,
      createdBy: 'demo-staff-zhang',
    };
    try {
      await faqRepository.insert(doc);
      added += 1;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return added;
}
