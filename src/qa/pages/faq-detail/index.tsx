import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useQaT } from '../../i18n';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useQaStore } from '../../../store/qa';
import { categoryLabel, faqText } from '../../qa-labels';
import { isFaqEditor } from '../../qa-roles';
import '../../qa.css';

/** One FAQ entry, in the reader's language (Chinese when it has no English). */
export default function FaqDetailPage() {
  const t = useQaT();
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const me = useAppStore((s) => s.me);
  const locale = useAppStore((s) => s.locale);
  const faq = useQaStore((s) => s.faq);
  const status = useQaStore((s) => s.faqStatus);
  const error = useQaStore((s) => s.faqError);
  const load = useQaStore((s) => s.loadFaq);
  const f = faq?.id === id ? faq : undefined;

  const openid = me?.openid;
  useEffect(() => {
    if (openid && id) void load(id);
  }, [openid, load, id]);

  return (
    <PageShell titleKey="title.qaFaqDetail" rootProps={{ 'data-testid': 'qa-faq-detail', 'data-id': f?.id }}>
      {!f ? (
        status === 'error' ? <ErrorNote error={error} onRetry={() => void load(id)} /> : <Loading />
      ) : (
        <>
          <PageHead title={faqText(locale, f.question)} />
          <Card>
            <View className="qa-row__badges">
              <Badge kind="muted">{categoryLabel(t, f.category)}</Badge>
              {f.sourceQuestionId ? <Badge>{t('qa.faq.fromQuestion')}</Badge> : null}
            </View>
            <View className="qa-text" style={{ marginTop: '16px' }} data-testid="qa-faq-answer">
              {faqText(locale, f.answer)}
            </View>
            <View className="list-item__meta" style={{ marginTop: '16px' }}>
              {t('qa.faq.updatedAt', { at: formatDate(f.updatedAt) })}
            </View>
          </Card>
          {isFaqEditor(me) ? (
            <Btn kind="secondary" onClick={() => void Taro.navigateTo({ url: `/qa/pages/faq-edit/index?id=${encodeURIComponent(f.id)}` })} testId="qa-faq-edit">
              {t('qa.faq.edit')}
            </Btn>
          ) : me?.role === 'worker' || me?.role === 'manager' ? (
            <Btn kind="ghost" onClick={() => void Taro.navigateTo({ url: '/qa/pages/ask/index' })} testId="qa-faq-ask">
              {t('qa.faq.askInstead')}
            </Btn>
          ) : null}
        </>
      )}
    </PageShell>
  );
}
