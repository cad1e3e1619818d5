import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { createElement, useState } from 'react';
import type { AccountDeleted, MyDataFile } from '@core/api/user';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, ErrorNote, PageHead } from '../../../components/ui';
import { useIntentKey } from '../../../components/use-intent-key';
import { isH5 } from '../../../env';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useAccountT, type AccountMessageKey } from '../../i18n';
import '../../account.css';

/** Where each kind of open work (ACCOUNT.HAS_OPEN_WORK's fields) is dealt with. */
const OPEN_WORK: Record<string, { key: AccountMessageKey; url: string }> = {
  duties: { key: 'account.open.duties', url: '/clinic/pages/duties/index' },
  handovers: { key: 'account.open.handovers', url: '/clinic/pages/duties/index' },
  claims: { key: 'account.open.claims', url: '/qa/pages/queue/index' },
  bookings: { key: 'account.open.bookings', url: '/clinic/pages/mine/index' },
};

/** Mini-program: the file through cloud storage (no download domain needed), opened in WeChat's document viewer. */
async function openInWeapp(file: MyDataFile): Promise<void> {
  const res = await Taro.cloud.downloadFile({ fileID: file.fileID });
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
}

function DataFile({ file }: { file: MyDataFile }) {
  const t = useAccountT();
  const [failed, setFailed] = useState(false);
  const n = Object.values(file.counts).reduce((a, b) => a + b, 0);
  return (
    <View className="code-box" data-testid="my-data-result" data-url={file.url}>
      <View>{t('account.data.ready', { file: file.fileName, n })}</View>
      <View style={{ marginTop: '8px' }}>
        {isH5() ? (
          createElement('a', { href: file.url, target: '_blank', rel: 'noopener', download: file.fileName, className: 'btn btn--small', 'data-testid': 'my-data-open' }, t('account.data.open'))
        ) : (
          <Btn small testId="my-data-open" onClick={() => openInWeapp(file).then(() => setFailed(false), () => setFailed(true))}>
            {t('account.data.open')}
          </Btn>
        )}
      </View>
      {failed ? <View className="field__error">{t('account.data.openFailed')}</View> : null}
    </View>
  );
}

/**
 * 我的 → 我的数据 / 注销账号 (PIPL arts. 45, 47): download what the service holds about you; delete
 * the account after reading what is deleted, what is kept anonymised and what must be handed over
 * first, and confirming with a second tap. The same key is sent on every retry of one intent, so a
 * lost answer never deletes twice; afterwards the app holds no one and home is the entry screen.
 */
export default function AccountPage() {
  const t = useAccountT();
  const me = useAppStore((s) => s.me);
  const downloadMyData = useAppStore((s) => s.downloadMyData);
  const deleteAccount = useAppStore((s) => s.deleteAccount);
  const [file, setFile] = useState<MyDataFile>();
  const [fileBusy, setFileBusy] = useState(false);
  const [fileError, setFileError] = useState<ApiError>();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError>();
  const [done, setDone] = useState<AccountDeleted>();
  const key = useIntentKey({ intent: 'deleteAccount' });
  const signedIn = !!me && me.role !== 'guest';

  const onDownload = async () => {
    setFileBusy(true);
    setFileError(undefined);
    try {
      setFile(await downloadMyData());
    } catch (e) {
      setFileError(toApiError(e));
    } finally {
      setFileBusy(false);
    }
  };

  const onDelete = async () => {
    setDeleting(true);
    setDeleteError(undefined);
    try {
      setDone(await deleteAccount(key));
      setConfirming(false);
    } catch (e) {
      setDeleteError(toApiError(e));
    } finally {
      setDeleting(false);
    }
  };

  const openWork = deleteError?.code === 'ACCOUNT.HAS_OPEN_WORK' ? Object.entries(deleteError.fields ?? {}).filter(([k]) => OPEN_WORK[k]) : [];

  if (done) {
    return (
      <PageShell titleKey="title.account" session={false} rootProps={{ 'data-testid': 'account' }}>
        <PageHead title={t('account.done.title')} />
        <Card testId="account-deleted">
          <View>{t('account.done.text', { ref: done.reference })}</View>
          <View style={{ marginTop: '16px' }}>
            <Btn testId="account-home" onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}>
              {t('account.done.home')}
            </Btn>
          </View>
        </Card>
      </PageShell>
    );
  }

  return (
    <PageShell titleKey="title.account" rootProps={{ 'data-testid': 'account' }}>
      <PageHead title={t('account.title')} />
      {!signedIn ? (
        <Card>
          <View className="muted">{t('account.guest')}</View>
        </Card>
      ) : (
        <>
          <Card title={t('account.data.title')} testId="account-data">
            <View className="account-text">{t('account.data.text')}</View>
            <View className="muted account-text">{t('account.data.private')}</View>
            <ErrorNote error={fileError} />
            {file ? <DataFile file={file} /> : null}
            <Btn kind="secondary" busy={fileBusy} onClick={onDownload} testId="my-data-download">
              {t('account.data.download')}
            </Btn>
          </Card>

          <Card title={t('account.delete.title')} testId="account-delete">
            <View className="account-text">{t('account.delete.intro')}</View>
            <View className="account-list">
              <View className="account-list__item">{t('account.delete.removed')}</View>
              <View className="account-list__item">{t('account.delete.kept')}</View>
              <View className="account-list__item">{t('account.delete.duties')}</View>
              <View className="account-list__item">{t('account.delete.fresh')}</View>
            </View>
            <View className="muted account-text">{t('account.delete.first')}</View>
            {me?.deleting ? <View className="account-note">{t('account.delete.resume')}</View> : null}
            {openWork.length ? (
              <View className="error-note" data-testid="account-open-work">
                <View>{t('account.open.title')}</View>
                {openWork.map(([k, n]) => (
                  <View key={k} className="todo-row" hoverClass="btn--hover" onClick={() => void Taro.navigateTo({ url: OPEN_WORK[k].url })} data-testid={`account-open-${k}`}>
                    <View className="todo-row__label">{t(OPEN_WORK[k].key, { n })}</View>
                    <View className="account-open__go">{t('account.open.go')}</View>
                  </View>
                ))}
              </View>
            ) : (
              <ErrorNote error={deleteError} onRetry={deleteError && deleteError.code !== 'ACCOUNT.NONE' ? onDelete : undefined} />
            )}
            {confirming ? (
              <View className="account-confirm" data-testid="account-confirm">
                <View className="account-confirm__title">{t('account.delete.confirmTitle')}</View>
                <View className="account-text">{t('account.delete.confirmText')}</View>
                <View className="account-confirm__actions">
                  <Btn kind="danger" busy={deleting} onClick={onDelete} testId="account-delete-confirm">
                    {t('account.delete.confirm')}
                  </Btn>
                  <Btn kind="ghost" disabled={deleting} onClick={() => setConfirming(false)} testId="account-delete-keep">
                    {t('account.delete.keep')}
                  </Btn>
                </View>
              </View>
            ) : (
              <Btn kind="danger" onClick={() => setConfirming(true)} testId="account-delete-start">
                {me?.deleting ? t('account.delete.continue') : t('account.delete.start')}
              </Btn>
            )}
          </Card>
        </>
      )}
    </PageShell>
  );
}
