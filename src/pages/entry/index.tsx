import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorCodes } from '@core/api/errors';
import { isWellFormedScene } from '@core/rules/codes';
import { PrivacyPoints } from '../../components/consent';
import { PageShell } from '../../components/page-frame';
import { Btn, Card, ErrorNote, Loading, PageHead } from '../../components/ui';
import { useT } from '../../i18n';
import { newIdempotencyKey } from '../../services/idempotency';
import { ApiError, toApiError } from '../../services/api-error';
import { getDevOpenid, newGuestOpenid, setDevOpenid } from '../../services/identity';
import { isH5 } from '../../env';
import { clearPendingScene, setPendingScene } from '../../services/pending-scene';
import { useAppStore } from '../../store';

type Phase = { kind: 'working' } | { kind: 'privacy' } | { kind: 'declined' } | { kind: 'error'; error: ApiError } | { kind: 'done'; target: string };

/** The QR scene: weapp passes it URL-encoded in the page options; H5 in the `?scene=` query. */
function readScene(params: Record<string, string | undefined>): string {
  const raw = params.scene ?? '';
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/** Not registered: what works without a record (the FAQ, the clinic calendar), and the way back to the notice. */
function Declined({ onReview }: { onReview: () => void }) {
  const t = useT();
  return (
    <View data-testid="privacy-declined">
      <PageHead title={t('privacy.declined.title')} subtitle={t('privacy.declined.intro')} />
      <Card>
        <View className="btn-stack">
          <Btn kind="secondary" testId="declined-faq" onClick={() => void Taro.navigateTo({ url: '/qa/pages/faq/index' })}>
            {t('privacy.declined.faq')}
          </Btn>
          <Btn kind="secondary" testId="declined-clinic" onClick={() => void Taro.navigateTo({ url: '/clinic/pages/index/index' })}>
            {t('privacy.declined.clinic')}
          </Btn>
        </View>
      </Card>
      <Card title={t('privacy.declined.laterTitle')}>
        <View className="card__text">{t('privacy.declined.later')}</View>
        <View className="btn-stack" style={{ marginTop: '12px' }}>
          <Btn testId="declined-review" onClick={onReview}>
            {t('privacy.declined.review')}
          </Btn>
          <Btn kind="ghost" testId="declined-home" onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}>
            {t('common.goHome')}
          </Btn>
        </View>
      </Card>
    </View>
  );
}

const unknownScene = new ApiError(ErrorCodes.ENTRY_UNKNOWN_SCENE, 'no scene');

export default function EntryPage() {
  const t = useT();
  const router = useRouter();
  const scene = readScene(router.params);
  const enterByScene = useAppStore((s) => s.enterByScene);
  const [entered, setPhase] = useState<Phase>({ kind: 'working' });
  // One intent per step: the first look-up, then the acceptance (each retried with its own key).
  const keys = useRef({ look: newIdempotencyKey(), accept: newIdempotencyKey() });

  // Starts in the working phase (the page opens working; a tap sets it first: see `again`).
  const enter = useCallback(async (acceptPrivacy: boolean) => {
    try {
      const landing = await enterByScene(acceptPrivacy ? { scene, acceptPrivacy: true } : { scene }, acceptPrivacy ? keys.current.accept : keys.current.look);
      setPhase({ kind: 'done', target: landing.targetName });
      clearPendingScene();
      // The 三师 station's code: check in for today's consultation (the clinic subpackage).
      const page = landing.kind === 'station' ? `clinic/pages/checkin/index?scene=${encodeURIComponent(scene)}` : landing.page.replace(/^\/+/, '');
      await Taro.reLaunch({ url: `/${page}` });
    } catch (e) {
      const error = toApiError(e);
      if (error.code === ErrorCodes.USER_PRIVACY_REQUIRED) setPhase({ kind: 'privacy' });
      else setPhase({ kind: 'error', error });
    }
  }, [scene, enterByScene]);
  const again = (acceptPrivacy: boolean) => {
    setPhase({ kind: 'working' });
    void enter(acceptPrivacy);
  };

  // A code that is no scene at all is refused here, without asking the server.
  const wellFormed = isWellFormedScene(scene);
  const phase: Phase = wellFormed ? entered : { kind: 'error', error: unknownScene };
  useEffect(() => {
    if (!wellFormed) return;
    // A visitor from a poster with no identity yet acts as a brand-new WeChat user.
    if (isH5() && !getDevOpenid()) setDevOpenid(newGuestOpenid());
    void enter(false);
  }, [wellFormed, enter]);

  return (
    <PageShell titleKey="title.entry" session={false} rootProps={{ 'data-testid': 'entry', 'data-phase': phase.kind }}>
      {phase.kind === 'working' ? <Loading /> : null}
      {phase.kind === 'done' ? <View className="success-note">{t('entry.welcome', { name: phase.target })}</View> : null}
      {phase.kind === 'privacy' ? (
        <>
          <PageHead title={t('privacy.title')} subtitle={t('privacy.intro')} />
          <Card testId="privacy-notice">
            <PrivacyPoints />
          </Card>
          <Btn testId="privacy-accept" onClick={() => again(true)}>
            {t('privacy.accept')}
          </Btn>
          <Btn
            kind="ghost"
            testId="privacy-decline"
            onClick={() => {
              // Remembered: home leads back here, and accepting later still joins the scanned enterprise.
              setPendingScene(scene);
              setPhase({ kind: 'declined' });
            }}
          >
            {t('privacy.decline')}
          </Btn>
        </>
      ) : null}
      {phase.kind === 'declined' ? <Declined onReview={() => setPhase({ kind: 'privacy' })} /> : null}
      {phase.kind === 'error' ? (
        <>
          <PageHead title={t('entry.failed')} />
          <ErrorNote error={phase.error} onRetry={phase.error.isNetwork ? () => again(false) : undefined} />
          <Btn kind="secondary" onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}>
            {t('common.goHome')}
          </Btn>
        </>
      ) : null}
    </PageShell>
  );
}
