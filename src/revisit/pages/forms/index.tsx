import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useRevisitStore } from '../../../store/revisit';
import { RevisitGate } from '../../components/revisit-gate';
import { useLocalized, useRevisitT } from '../../i18n';
import { canRun } from '../../revisit-labels';
import '../../revisit.css';

const edit = (id?: string) => void Taro.navigateTo({ url: `/revisit/pages/form-edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}` });

/** 问卷管理: the survey forms with their current version; new ones and new versions in the builder. */
export default function RevisitFormsPage() {
  const t = useRevisitT();
  return (
    <PageShell titleKey="title.revisitForms" rootProps={{ 'data-testid': 'revisit-forms' }}>
      <PageHead title={t('title.revisitForms')} subtitle={t('revisit.forms.subtitle')} />
      <RevisitGate allowed={canRun}>
        <Forms />
      </RevisitGate>
    </PageShell>
  );
}

function Forms() {
  const t = useRevisitT();
  const text = useLocalized();
  const me = useAppStore((s) => s.me)!;
  const forms = useRevisitStore((s) => s.forms);
  const load = useRevisitStore((s) => s.loadForms);
  useEffect(() => {
    void load();
  }, [load, me.openid]);
  // A show with the list already on screen is a return (this part mounts after the page's first show).
  useDidShow(() => {
    if (useRevisitStore.getState().forms.status === 'ready') void load();
  });
  return (
    <View className="revisit-narrow">
      <Card>
        {!forms.data ? forms.status === 'error' ? <ErrorNote error={forms.error} onRetry={() => void load()} /> : <Loading /> : null}
        {forms.data?.length === 0 ? <Empty text={t('revisit.forms.empty')} /> : null}
        {(forms.data ?? []).map((f) => (
          <View key={f.id} className="list-item" data-testid="revisit-form-row" data-id={f.id} data-version={f.version}>
            <View className="list-item__row">
              <View style={{ minWidth: 0 }}>
                <View className="list-item__title">{text(f.title)}</View>
                <View className="list-item__meta">
                  {t('revisit.forms.meta', { version: f.version, n: f.questions.length, at: formatDate(f.updatedAt) })}
                  {f.updatedByName ? ` · ${f.updatedByName}` : ''}
                </View>
              </View>
              <Btn small kind="secondary" onClick={() => edit(f.id)} testId="revisit-form-edit">
                {t('revisit.forms.edit')}
              </Btn>
            </View>
          </View>
        ))}
      </Card>
      <Btn onClick={() => edit()} testId="revisit-form-new">
        {t('revisit.forms.new')}
      </Btn>
    </View>
  );
}
