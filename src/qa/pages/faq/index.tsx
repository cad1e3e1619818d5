import { Input, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { FaqEntry } from '@core/api/qa';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useQaT } from '../../i18n';
import { useAppStore } from '../../../store';
import { useQaStore } from '../../../store/qa';
import { CategoryChips } from '../../components/category-chips';
import { categoryLabel, faqText } from '../../qa-labels';
import { isFaqEditor } from '../../qa-roles';
import '../../qa.css';

function FaqRow({ f }: { f: FaqEntry }) {
  const t = useQaT();
  const locale = useAppStore((s) => s.locale);
  const answer = faqText(locale, f.answer);
  return (
    <View className="list-item qa-row" hoverClass="btn--hover" data-testid="qa-faq-item" data-id={f.id} onClick={() => void Taro.navigateTo({ url: `/qa/pages/faq-detail/index?id=${encodeURIComponent(f.id)}` })}>
      <View className="list-item__title">{faqText(locale, f.question)}</View>
      <View className="list-item__meta">
        {categoryLabel(t, f.category)} · {answer.slice(0, 80)}
        {answer.length > 80 ? '…' : ''}
      </View>
    </View>
  );
}

/** 常见问题: the public FAQ, searchable and by category, in the reader's language. */
export default function FaqPage() {
  const t = useQaT();
  const me = useAppStore((s) => s.me);
  const list = useQaStore((s) => s.faqs);
  const category = useQaStore((s) => s.faqCategory);
  const search = useQaStore((s) => s.faqSearch);
  const load = useQaStore((s) => s.loadFaqs);
  const loadMore = useQaStore((s) => s.loadMoreFaqs);
  const searchFaq = useQaStore((s) => s.searchFaq);
  const [q, setQ] = useState(search.q);

  const openid = me?.openid;
  useEffect(() => {
    if (openid) void load();
  }, [openid, load]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && useAppStore.getState().me) void load();
    shown.current = true;
  });

  const searching = !!search.q;
  const canAsk = me?.role === 'worker' || me?.role === 'manager';
  return (
    <PageShell titleKey="title.qaFaq" rootProps={{ 'data-testid': 'qa-faq' }}>
      <PageHead title={t('qaNav.faq')} subtitle={t('qa.faq.subtitle')} />
      <Card className="qa-filters">
        <View className="qa-search">
          <Input
            className="field__input"
            value={q}
            maxlength={60}
            placeholder={t('qa.faq.search')}
            confirmType="search"
            onInput={(e) => {
              setQ(e.detail.value);
              if (!e.detail.value.trim()) void searchFaq('');
            }}
            onConfirm={() => void searchFaq(q)}
            data-testid="qa-faq-search"
          />
          <Btn small onClick={() => void searchFaq(q)} testId="qa-faq-search-submit">
            {t('common.search')}
          </Btn>
        </View>
        <View style={{ height: '16px' }} />
        <CategoryChips all value={category} onChange={(c) => void load(c ?? null)} testId="qa-faq-category" />
      </Card>
      {isFaqEditor(me) ? (
        <View style={{ marginBottom: '24px' }}>
          <Btn kind="secondary" onClick={() => void Taro.navigateTo({ url: '/qa/pages/faq-edit/index' })} testId="qa-faq-new">
            {t('qa.faq.new')}
          </Btn>
        </View>
      ) : null}
      <Card testId={searching ? 'qa-faq-results' : 'qa-faq-list'}>
        {searching ? (
          <>
            {search.status === 'loading' ? <Loading /> : null}
            <ErrorNote error={search.error} onRetry={() => void searchFaq(search.q)} />
            {search.status === 'ready' && search.items.length === 0 ? <Empty text={t('qa.faq.noMatch')} /> : null}
            {search.status !== 'loading' ? search.items.map((f) => <FaqRow key={f.id} f={f} />) : null}
          </>
        ) : (
          <>
            {list.status === 'loading' || (!me && list.status === 'idle') ? <Loading /> : null}
            <ErrorNote error={list.error} onRetry={() => void load()} />
            {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('qa.faq.empty')} /> : null}
            {list.status !== 'loading' ? list.items.map((f) => <FaqRow key={f.id} f={f} />) : null}
            <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
          </>
        )}
      </Card>
      {canAsk ? (
        <Btn kind="ghost" onClick={() => void Taro.navigateTo({ url: '/qa/pages/ask/index' })} testId="qa-faq-ask">
          {t('qa.faq.askInstead')}
        </Btn>
      ) : null}
    </PageShell>
  );
}
